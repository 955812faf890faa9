"""The template context: the clerk's answers as names the text blocks use.

Answers are sanitised here (the one place), missing answers become ``MissingValue``,
and derived names (grammar of the body's name, the Land's law, platform facts) are added.
"""
from __future__ import annotations

import datetime as _dt

from .sanitize import clean_text
from .schema import WEEKDAYS, Question, WizardDefinition
from .templating import ChoiceValue, DateValue, MissingValue, _aufzaehlung

ARTICLES = {
    "nom": {"m": "der", "f": "die", "n": "das"},
    "gen": {"m": "des", "f": "der", "n": "des"},
    "dat": {"m": "dem", "f": "der", "n": "dem"},
    "akk": {"m": "den", "f": "die", "n": "das"},
}


class Context(dict):
    """The template context plus what was dropped while sanitising."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.removed_chars: list[str] = []


def _parse_date(value) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _value(question: Question, raw, ctx: Context):
    """One answer as a template value; MissingValue when not given (or unusable)."""
    missing = MissingValue(question.marker_text)
    t = question.type
    if t in ("text", "multiline", "email", "url", "phone"):
        if not isinstance(raw, str) or not raw.strip():
            return missing
        text, removed = clean_text(raw.strip())
        ctx.removed_chars.extend(removed)
        return text if text else missing
    if t == "date":
        date = _parse_date(raw)
        return DateValue(date) if date else missing
    if t == "yesno":
        if isinstance(raw, bool):
            return raw
        return bool(question.default) if isinstance(question.default, bool) else False
    if t == "choice":
        for opt in question.options:
            if opt.id == raw:
                return ChoiceValue(opt.id, opt.label, opt.extra)
        return missing
    if t == "multichoice":
        chosen = raw if isinstance(raw, list) else []
        return [ChoiceValue(o.id, o.label, o.extra) for o in question.options if o.id in chosen]
    if t == "weekly":
        hours = raw if isinstance(raw, dict) else {}
        rows = []
        for key, day in WEEKDAYS:
            value = hours.get(key)
            if isinstance(value, str) and value.strip():
                text, removed = clean_text(value.strip())
                ctx.removed_chars.extend(removed)
                rows.append({"tag": day, "zeiten": text})
        return rows
    if t == "reference":  # the _id of an entry of another group; resolved by _add_operators
        return raw.strip() if isinstance(raw, str) else ""
    if t == "group":
        items = raw if isinstance(raw, list) else []
        result = []
        for item in items:
            if not isinstance(item, dict):
                continue
            entry = {f.id: _value(f, item.get(f.id), ctx) for f in question.fields}
            entry["_id"] = str(item.get("_id", ""))
            result.append(entry)
        return result
    raise ValueError(t)  # unreachable: the loader admits only known types


def body_name(definition: WizardDefinition, answers: dict) -> str:
    """The body's name as lists show it („Stadt Musterstadt“), or „Ihre Verwaltung“ before it is given."""
    name = answers.get("verwaltung.name")
    if not isinstance(name, str) or not name.strip():
        return "Ihre Verwaltung"
    kind = definition.data.koerperschaften.get(answers.get("verwaltung.art"), definition.data.koerperschaften["gemeinde"])
    return f"{kind['noun']} {clean_text(name.strip())[0]}"


def _set_dotted(target: dict, dotted: str, value):
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _phrases(noun: str, gen_noun: str, genus: str, name) -> dict:
    full = f"{noun} {name}"
    return {
        "nom": f"{ARTICLES['nom'][genus]} {full}",
        "gen": f"{ARTICLES['gen'][genus]} {gen_noun} {name}",
        "dat": f"{ARTICLES['dat'][genus]} {full}",
        "akk": f"{ARTICLES['akk'][genus]} {full}",
        "kurz_nom": f"{ARTICLES['nom'][genus]} {noun}",
        "kurz_gen": f"{ARTICLES['gen'][genus]} {gen_noun}",
        "kurz_dat": f"{ARTICLES['dat'][genus]} {noun}",
        "kurz_akk": f"{ARTICLES['akk'][genus]} {noun}",
    }


def _art26(platform: dict) -> dict:
    """The platform's agreement on joint controllership (Art. 26 DSGVO) as far as the data knows it:
    besteht true/false, or None when unknown; name and bewertung (its essence) as text."""
    known = platform.get("art26") if isinstance(platform.get("art26"), dict) else {}
    return {"besteht": known.get("besteht"), "name": str(known.get("name") or ""),
            "bewertung": str(known.get("bewertung") or "").strip()}


def _name_dpo(datenschutz: dict) -> None:
    """``dsb_bezeichnung``: how texts name the data-protection officer.

    Internal: the person's name. External: the firm, with its contact person in front when
    one is given ("Name, Firma"). Files of format 2 kept an external officer's person in
    ``dsb_name``; it stands in for a missing ``dsb_ansprechperson``.
    """
    if getattr(datenschutz.get("dsb_art"), "id", "") != "extern":
        datenschutz["dsb_bezeichnung"] = datenschutz.get("dsb_name", MissingValue("Name der oder des Datenschutzbeauftragten"))
        return
    person = datenschutz.get("dsb_ansprechperson")
    if not person or isinstance(person, MissingValue):
        person = datenschutz.get("dsb_name")
    person = "" if not person or isinstance(person, MissingValue) else person
    firma = datenschutz.get("dsb_firma", MissingValue("Unternehmen der oder des Datenschutzbeauftragten"))
    datenschutz["dsb_ansprechperson"] = person
    datenschutz["dsb_bezeichnung"] = f"{person}, {firma}" if person else firma


def build_context(definition: WizardDefinition, answers: dict) -> Context:
    ctx = Context()
    for question in definition.questions():
        _set_dotted(ctx, question.id, _value(question, answers.get(question.id), ctx))

    data = definition.data
    verwaltung = ctx.setdefault("verwaltung", {})
    art = verwaltung.get("art")
    name = verwaltung.get("name", MissingValue("Name der Verwaltung"))
    kind = data.koerperschaften.get(getattr(art, "id", ""), data.koerperschaften["gemeinde"])
    land_id = getattr(ctx.get("verwaltung", {}).get("bundesland"), "id", "")
    body = _phrases(kind["noun"], kind["gen"], kind["genus"], name)
    verwaltung.update(bezeichnung=f"{kind['noun']} {name}", **{k: body[k] for k in ("nom", "gen", "dat", "akk")})
    verwaltung.update(
        typ=str(kind.get("typ") or "gemeinde"),
        zielgruppe=str(kind.get("zielgruppe") or "die Einwohnerinnen und Einwohner {gen}").replace("{gen}", body["gen"]),
        schwerpunkt=str(kind.get("schwerpunkt") or ""),
    )
    authority = (kind.get("behoerde_in") or {}).get(land_id) or kind.get("behoerde") or kind
    ctx["behoerde"] = _phrases(authority["noun"], authority["gen"], authority["genus"], name)

    _name_dpo(ctx.setdefault("datenschutz", {}))
    _add_land(ctx, data.laender.get(land_id))
    _add_channels(ctx, data.plattformen)
    _add_operators(ctx, definition, data.koerperschaften)
    # The Rechtsstand of the legal data (wizards/legal_data.py), e.g. for the cover sheet.
    ctx["rechtsstand"] = DateValue(data.legal.rechtsstand) if data.legal is not None else ""
    return ctx


LAND_TEXTS = ("gesetz", "gesetz_kurz", "aufsicht", "aufsicht_kurz")
LAND_FLAGS = ("fanpage_abschaltung_gefordert", "impressum_gefordert", "dsfa_gefordert", "messenger_ausgeschlossen")


def _add_land(ctx: Context, land: dict | None) -> None:
    if land:
        ctx["land"] = {"name": land["name"], "kurz": land["id"], **{k: land[k] for k in LAND_TEXTS}}
        genus = land.get("aufsicht_genus") if land.get("aufsicht_genus") in ("m", "f", "n") else "f"
        ctx["land"].update(aufsicht_genus=genus,
                           aufsicht_nom=str(land.get("aufsicht_nom") or f"{ARTICLES['nom'][genus]} {land['aufsicht']}"))
    else:
        ctx["land"] = {k: MissingValue(label) for k, label in (
            ("name", "Bundesland"), ("kurz", "Bundesland"), ("gesetz", "Landesdatenschutzgesetz"),
            ("gesetz_kurz", "Landesdatenschutzgesetz"), ("aufsicht", "Aufsichtsbehörde"),
            ("aufsicht_kurz", "Aufsichtsbehörde"), ("aufsicht_nom", "Aufsichtsbehörde"))}
        ctx["land"]["aufsicht_genus"] = "f"
    # What the authority expects (data/laender.yaml); "" / [] / false when unknown, so texts
    # guard them with {% if land.generalklausel %} and nothing shows as missing.
    land = land or {}
    dsk = land.get("dsk") or {}
    ctx["land"].update(
        generalklausel=str(land.get("generalklausel") or ""), vorgabe=str(land.get("vorgabe") or ""),
        position=" ".join(str(land.get("position") or "").split()),
        erwartungen=[str(e) for e in land.get("erwartungen") or []], hinweis=str(land.get("hinweis") or "").strip(),
        dsk_erwartungen=[str(e) for e in dsk.get("erwartungen") or []],
        **{flag: land.get(flag) is True for flag in LAND_FLAGS},
    )


OWN_NAME_PLATFORMS = ("sonstige", "fediverse")  # the clerk names the platform


def _add_channels(ctx: Context, platforms: dict) -> None:
    """Platform facts per channel, and the distinct platforms and providers (for number agreement)."""
    kanaele = ctx.get("kanaele", [])
    for kanal in kanaele:
        platform = platforms.get(getattr(kanal.get("plattform"), "id", ""))
        if platform:
            own_name = kanal.get("plattform_name")
            name = own_name if platform["id"] in OWN_NAME_PLATFORMS and own_name else platform["name"]
            kanal.update(
                plattform_name=name, anbieter=platform["anbieter"], datenschutz_url=platform.get("datenschutz_url", ""),
                messenger=bool(platform.get("messenger")), foederiert=bool(platform.get("foederiert")),
                beanstandet=bool(platform.get("beanstandet")), statistik_immer=bool(platform.get("statistik_immer")),
                art26=_art26(platform),
                drittland=str(platform.get("drittland") or ""),
                kontotyp=_account_type(kanal.get("kontotyp"), platform.get("kontotypen") or []),
            )
        else:
            kanal.update(plattform_name=MissingValue("Plattform"), anbieter=MissingValue("Anbieter der Plattform"),
                         datenschutz_url="", messenger=False, foederiert=False, beanstandet=False,
                         statistik_immer=False, art26=_art26({}), drittland="",
                         kontotyp=MissingValue("Kontotyp"))
    distinct: dict = {}
    for kanal in kanaele:
        distinct.setdefault(str(kanal["plattform_name"]), kanal)
    for kanal in kanaele:
        kanal["mehrfach"] = sum(1 for k in kanaele if str(k["plattform_name"]) == str(kanal["plattform_name"])) > 1
    ctx["plattformen"] = list(distinct.values())
    providers: list = []
    for kanal in ctx["plattformen"]:
        if str(kanal["anbieter"]) not in [str(p) for p in providers]:
            providers.append(kanal["anbieter"])
    ctx["anbieter_liste"] = providers
    names = [k["plattform_name"] for k in ctx["plattformen"]] or [MissingValue("Plattformen")]
    ctx["plattformen_text"] = " und ".join([", ".join(str(n) for n in names[:-1]), str(names[-1])]) if len(names) > 1 else names[0]


def _account_type(answer, kinds: list):
    """The channel's account type as offered by its platform; the only kind if there is one."""
    chosen = getattr(answer, "id", answer)
    for kind in kinds:
        if kind.get("id") == chosen:
            return ChoiceValue(kind["id"], kind["label"])
    if len(kinds) == 1:
        return ChoiceValue(kinds[0]["id"], kinds[0]["label"])
    return MissingValue("Kontotyp")


def _facility_phrases(name, kind: dict) -> dict:
    """The grammar of a facility's name: „das Jugendzentrum Musterstadt“, „des Jugendzentrums Musterstadt“.

    The name is taken as written; its kind gives genus and genitive ending. A name whose first word
    does not end in the kind's noun is quoted after the noun: „das Museum „Haus am Markt““.
    """
    noun, gen_noun, genus = kind["noun"], kind["gen"], kind["genus"]
    text = str(name)
    first, _, rest = text.partition(" ")
    if isinstance(name, MissingValue):
        forms = {case: f"{ARTICLES[case][genus]} {noun} {name}" for case in ARTICLES}
        forms["gen"] = f"{ARTICLES['gen'][genus]} {gen_noun} {name}"
    elif first.lower().endswith(noun.lower()):
        ending = gen_noun[len(noun):] if gen_noun.startswith(noun) else ""
        genitive = f"{first}{ending}" + (f" {rest}" if rest else "")
        forms = {case: f"{ARTICLES[case][genus]} {text}" for case in ARTICLES}
        forms["gen"] = f"{ARTICLES['gen'][genus]} {genitive}"
    else:
        forms = {case: f"{ARTICLES[case][genus]} {noun} „{text}“" for case in ARTICLES}
        forms["gen"] = f"{ARTICLES['gen'][genus]} {gen_noun} „{text}“"
    return forms


def _add_operators(ctx: Context, definition: WizardDefinition, kinds: dict) -> None:
    """Who runs each channel: ``kanal.betreiber`` (the body itself unless the channel names a facility),
    ``einrichtungen`` (each with its ``kanaele``), ``betreiber_liste``, ``betreiber_nennen`` and ``rechtstraeger``
    (the legal entity: provider in the Impressum and controller, also for the facilities' channels)."""
    verwaltung, behoerde, redaktion = ctx["verwaltung"], ctx["behoerde"], ctx.get("redaktion", {})
    if getattr(verwaltung.get("art"), "einrichtung", False) is True:
        anbieter, vertretung = verwaltung.get("traeger"), verwaltung.get("traeger_vertretung")
    else:
        leitung = ctx.get("leitung", {})
        anbieter = verwaltung["bezeichnung"]
        vertretung = f"{leitung.get('funktion', MissingValue('Funktion der Leitung'))} " \
                     f"{leitung.get('name', MissingValue('Name der Leitung'))}"
    main = {
        "name": verwaltung["bezeichnung"], **{case: behoerde[case] for case in ARTICLES},
        "hauptverwaltung": True, "einrichtung": False, "art": "", "verantwortlich_eigen": "",
        "stelle": redaktion.get("stelle", MissingValue("zuständige Organisationseinheit")),
        "email": redaktion.get("email", MissingValue("E-Mail-Adresse der Redaktion")),
        "telefon": redaktion.get("telefon") or "", "anschrift": "",
        "verantwortlich": redaktion.get("verantwortlich", MissingValue("Name der nach § 18 Abs. 2 MStV verantwortlichen Person")),
        "traeger": anbieter, "traeger_vertretung": vertretung, "kanaele": [],
    }
    facilities = []
    for entry in ctx.get("einrichtungen") or []:
        kind_value = entry.get("art")
        kind = kinds.get(getattr(kind_value, "id", ""), kinds["einrichtung"])
        facility = dict(entry)
        facility.update(_facility_phrases(entry["name"], kind))
        facility.update(
            art=str(kind.get("noun") or ""), hauptverwaltung=False, einrichtung=True,
            telefon=entry.get("telefon") or "", anschrift=entry.get("anschrift") or "",
            verantwortlich=entry.get("verantwortlich") or main["verantwortlich"],
            verantwortlich_eigen=entry.get("verantwortlich") or "",
            traeger=anbieter, traeger_vertretung=vertretung, kanaele=[])
        facilities.append(facility)
    by_id = {f["_id"]: f for f in facilities if f["_id"]}
    field = next((f for q in definition.questions() if q.id == "kanaele" for f in q.fields if f.type == "reference"), None)
    gone_label = field.marker_text if field else "Betreiber des Kanals"
    operators: list = []
    for kanal in ctx.get("kanaele", []):
        ref = kanal.get("betrieben_von") or ""
        if not ref:
            operator = main
        elif ref in by_id:
            operator = by_id[ref]
        else:  # a facility that was removed: a visible gap, never the wrong operator
            gone = MissingValue(gone_label)
            operator = {**{k: gone for k in ("name", *ARTICLES, "stelle", "email", "verantwortlich")},
                        "hauptverwaltung": False, "einrichtung": True, "art": "", "telefon": "", "anschrift": "",
                        "verantwortlich_eigen": "",
                        "traeger": anbieter, "traeger_vertretung": vertretung, "kanaele": []}
        kanal["betreiber"] = operator
        kanal["zustaendig_stelle"] = kanal.get("zustaendig") or operator["stelle"]
        # a summary, not the channel itself: the context stays a tree (no cycle through betreiber)
        operator["kanaele"].append({k: kanal[k] for k in ("name", "plattform_name", "url", "_id")})
        if all(operator is not o for o in operators):
            operators.append(operator)
    for operator in [*operators, *(f for f in facilities if not f["kanaele"])]:
        operator["von"] = _von(operator["dat"])
        operator["kanaele_text"] = _aufzaehlung(f"{k['name']} auf {k['plattform_name']}" for k in operator["kanaele"])
    ctx["einrichtungen"] = facilities
    ctx["betreiber_liste"] = operators
    ctx["rechtstraeger"] = {"name": anbieter, "vertretung": vertretung,
                            "nom": f"der Träger {anbieter}" if anbieter is not verwaltung["bezeichnung"] else verwaltung["nom"]}
    ctx["betreiber_nennen"] = any(not o["hauptverwaltung"] for o in operators)


def _von(dative) -> str:
    """„von“ with a dative phrase, contracted where German contracts it: „vom Jugendzentrum …“."""
    text = str(dative)
    return "vom " + text[4:] if text.startswith("dem ") else f"von {text}"

