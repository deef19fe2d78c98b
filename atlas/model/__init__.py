"""The data model: the columns and rules of the data files (schema), reading and validating them
(sheet, xlsx, validate, data), the filters a link can carry, and what the data say (budget,
completeness).

Imports only atlas.text and geo; knows nothing of how anything is shown."""
