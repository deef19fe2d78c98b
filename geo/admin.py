"""Administrative units of Flanders and Brussels: province and region codes and names.

A small, dependency-free module (no pandas, no geopandas) so that light modules such as
``atlas.model.schema`` can use the same province list as the reference geography.
"""

from __future__ import annotations

PROVINCES: dict[str, str] = {
    "10000": "Antwerpen",
    "20001": "Vlaams-Brabant",
    "30000": "West-Vlaanderen",
    "40000": "Oost-Vlaanderen",
    "70000": "Limburg",
    "4000": "Brussels Hoofdstedelijk Gewest",
}
"""Province codes (2025 extent) and Dutch names, in display order; the Brussels-Capital
Region ('4000') stands in for a province."""

PROVINCE_ORDER: tuple[str, ...] = tuple(PROVINCES)

REGION_NIS: dict[str, str] = {"flanders": "2000", "brussels": "4000"}
REGION_NAMES: dict[str, str] = {"flanders": "Vlaams Gewest", "brussels": "Brussels Hoofdstedelijk Gewest"}


def province_of(nis2025: str) -> str:
    """Province code of a 2025 NIS code ('4000' for Brussels, '' if not Flemish/Brussels).

    1xxxx Antwerpen, 23xxx/24xxx Vlaams-Brabant, 3xxxx West-Vlaanderen, 4xxxx
    Oost-Vlaanderen, 7xxxx Limburg, 21xxx Brussels. Exception: 46030
    Beveren-Kruibeke-Zwijndrecht (contains former Zwijndrecht 11056) is Oost-Vlaanderen.
    """
    code = str(nis2025).strip().zfill(5)
    if code == "46030":
        return "40000"
    if code.startswith("21"):
        return "4000"
    if code.startswith(("23", "24")):
        return "20001"
    return {"1": "10000", "3": "30000", "4": "40000", "7": "70000"}.get(code[0], "")


def region_of(nis2025: str) -> str:
    """'brussels' for 21xxx, 'flanders' otherwise."""
    return "brussels" if str(nis2025).strip().zfill(5).startswith("21") else "flanders"
