"""Budget & status page: what the programmes cost, where the money goes, what was running when.

Obeys the shared sidebar filters; a click on a bar or segment becomes a filter (and a link).
One tab per question; only the open tab is built (tables.on_demand_tabs), so the first view draws
one chart instead of ten. The sections are atlas/ui/budget_page.py.
"""

from atlas.text.i18n import t
from atlas.ui import budget_page, chrome

v = budget_page.current()
chrome.page_header(t("page_budget", v.lang), t("budget_intro", v.lang), v.state)
chrome.data_notices(v.pdata, v.lang)
budget_page.notes(v)  # known counts, the amounts' explainer, the click hint
budget_page.draw_sections(v)
