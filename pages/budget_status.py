"""Budget & status page: what the programmes cost, where the money goes, what was running when.

Obeys the shared sidebar filters; a click on a bar or segment becomes a filter (and a link).
One tab per question; only the open tab is built (ui.on_demand_tabs), so the first view draws
one chart instead of ten. The sections are atlas/budget_view.py.
"""

from atlas import budget_view, ui
from atlas.i18n import t

v = budget_view.current()
ui.page_header(t("page_budget", v.lang), t("budget_intro", v.lang), v.state)
ui.data_notices(v.pdata, v.lang)
budget_view.notes(v)  # known counts, the amounts' explainer, the click hint
budget_view.draw_sections(v)
