"""Text: the UI strings (gettext catalogues in locales/), number and date formats, labels of
codes, escaping for every renderer, and the colours that go with the labels.

The bottom layer of atlas: imports nothing from the other atlas layers."""
