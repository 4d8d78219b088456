import SitrepModel

/// How an ACLED sub-event type becomes a PLOVER event, mode and context.
///
/// PLOVER's categories (manual draft 0.8) are AGREE, CONSULT, SUPPORT, CONCEDE,
/// COOPERATE, AID, RETREAT, DEMAND, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION,
/// MOBILIZE, COERCE and ASSAULT. Its modes are fixed words per category; we use
/// only those, and keep ACLED's types beside them for detail.
///
/// | ACLED sub-event type | event | mode | context |
/// |---|---|---|---|
/// | Armed clash | ASSAULT | sideAB | military |
/// | Government regains territory, Non-state actor overtakes territory | ASSAULT | sideAB | military, resource |
/// | Chemical weapon | ASSAULT | unconventional | military, cbrn |
/// | Air/drone strike, Shelling/artillery/missile attack | ASSAULT | heavy-weapons | military |
/// | Suicide bomb | ASSAULT | suicide-attack | military |
/// | Remote explosive/landmine/IED, Grenade | ASSAULT | explosives | military |
/// | Sexual violence / Attack / Abduction/forced disappearance | ASSAULT | sexual / - / abduct | - |
/// | Excessive force against protesters | ASSAULT | - | rights_freedoms |
/// | Peaceful protest, Protest with intervention | PROTEST | demo | - |
/// | Violent demonstration, Mob violence | PROTEST | riot | - |
/// | Agreement | AGREE | - | - |
/// | Arrests | COERCE | arrest | legal |
/// | Looting/property destruction | COERCE | confiscate | - |
/// | Non-violent transfer of territory | COERCE | confiscate | military, resource |
/// | Disrupted weapons use | MOBILIZE | weapons | military |
/// | Headquarters or base established | MOBILIZE | troops | military |
/// | Change to group/activity | MOBILIZE | - | military |
/// | Other | null | - | - |
///
/// Why:
/// - Battles are two-sided violence, which PLOVER codes as ASSAULT with `sideAB`
///   when the sides are known (ACLED's actor1 and actor2 are).
/// - PLOVER's CAMEO table codes "employ aerial weapons" (CAMEO 195) and artillery
///   (194) as `heavy-weapons`, so air and drone strikes and shelling share it.
/// - Interceptions (Disrupted weapons use) harmed no one: counting them as ASSAULT
///   by the interceptor would inflate its violence, and counting them as the
///   attacker's ASSAULT would double an attack that is often its own event. The
///   interceptor's weapon systems were in use, so MOBILIZE `weapons`. (A seizure of
///   explosives would be COERCE `confiscate`, but the record does not tell the two
///   apart, and interceptions dominate this domain.)
/// - Seized ships are ACLED's Looting/property destruction: COERCE `confiscate`
///   (CAMEO 1711); taking territory without a fight follows CAMEO 192 (occupy
///   territory), COERCE `confiscate` with a military context.
/// - ACLED's Other has no PLOVER counterpart we could defend: `event` is null.
/// - Background events get PLOVER's special context `historical`.
/// - ASSAULT modes also come from the weapons named: small arms are `firearms`,
///   IEDs, mines and grenades `explosives`, missiles, rockets, drones and aircraft
///   `heavy-weapons`, suicide bombs `suicide-attack`, chemical weapons `unconventional`.
enum PLOVERMapping {
  struct Coding: Equatable {
    var event: String?
    var mode: [String]
    var context: [String]
  }

  static let bySubEventType: [String: Coding] = [
    "Armed clash": Coding(event: "ASSAULT", mode: ["sideAB"], context: ["military"]),
    "Government regains territory": Coding(event: "ASSAULT", mode: ["sideAB"], context: ["military", "resource"]),
    "Non-state actor overtakes territory": Coding(event: "ASSAULT", mode: ["sideAB"], context: ["military", "resource"]),
    "Chemical weapon": Coding(event: "ASSAULT", mode: ["unconventional"], context: ["military", "cbrn"]),
    "Air/drone strike": Coding(event: "ASSAULT", mode: ["heavy-weapons"], context: ["military"]),
    "Suicide bomb": Coding(event: "ASSAULT", mode: ["suicide-attack"], context: ["military"]),
    "Shelling/artillery/missile attack": Coding(event: "ASSAULT", mode: ["heavy-weapons"], context: ["military"]),
    "Remote explosive/landmine/IED": Coding(event: "ASSAULT", mode: ["explosives"], context: ["military"]),
    "Grenade": Coding(event: "ASSAULT", mode: ["explosives"], context: ["military"]),
    "Sexual violence": Coding(event: "ASSAULT", mode: ["sexual"], context: []),
    "Attack": Coding(event: "ASSAULT", mode: [], context: []),
    "Abduction/forced disappearance": Coding(event: "ASSAULT", mode: ["abduct"], context: []),
    "Peaceful protest": Coding(event: "PROTEST", mode: ["demo"], context: []),
    "Protest with intervention": Coding(event: "PROTEST", mode: ["demo"], context: []),
    "Excessive force against protesters": Coding(event: "ASSAULT", mode: [], context: ["rights_freedoms"]),
    "Violent demonstration": Coding(event: "PROTEST", mode: ["riot"], context: []),
    "Mob violence": Coding(event: "PROTEST", mode: ["riot"], context: []),
    "Agreement": Coding(event: "AGREE", mode: [], context: []),
    "Arrests": Coding(event: "COERCE", mode: ["arrest"], context: ["legal"]),
    "Change to group/activity": Coding(event: "MOBILIZE", mode: [], context: ["military"]),
    "Disrupted weapons use": Coding(event: "MOBILIZE", mode: ["weapons"], context: ["military"]),
    "Headquarters or base established": Coding(event: "MOBILIZE", mode: ["troops"], context: ["military"]),
    "Looting/property destruction": Coding(event: "COERCE", mode: ["confiscate"], context: []),
    "Non-violent transfer of territory": Coding(event: "COERCE", mode: ["confiscate"], context: ["military", "resource"]),
    "Other": Coding(event: nil, mode: [], context: []),
  ]

  /// ASSAULT modes of the weapons' canonical names (`weapons.tsv`).
  static let modeOfWeapon: [String: String] = [
    "small arms": "firearms", "sniper rifle": "firearms",
    "IED": "explosives", "EFP": "explosives", "car bomb": "explosives", "landmine": "explosives",
    "grenade": "explosives", "drone boat": "explosives",
    "suicide bomb": "suicide-attack", "chemical weapon": "unconventional",
    "artillery": "heavy-weapons", "mortar": "heavy-weapons", "rocket": "heavy-weapons", "missile": "heavy-weapons",
    "ballistic missile": "heavy-weapons", "cruise missile": "heavy-weapons", "anti-ship missile": "heavy-weapons",
    "anti-tank missile": "heavy-weapons", "aircraft": "heavy-weapons", "drone": "heavy-weapons",
    "barrel bomb": "heavy-weapons",
  ]

  /// The PLOVER coding of a record: its sub-event type's, plus weapon modes for
  /// ASSAULT and the `historical` context for background events.
  static func coding(for record: EventRecord) -> Coding {
    var coding = bySubEventType[record.subEventType] ?? Coding(event: nil, mode: [], context: [])
    if coding.event == "ASSAULT" {
      for weapon in record.weapons {
        if let mode = modeOfWeapon[weapon], !coding.mode.contains(mode) { coding.mode.append(mode) }
      }
    }
    if record.background { coding.context.append("historical") }
    return coding
  }
}
