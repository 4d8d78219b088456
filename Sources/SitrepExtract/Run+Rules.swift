import SitrepLexicon
import SitrepModel

extension Run {
  static let determiners: Set<String> = ["the", "this", "that", "these", "those", "its", "their", "his", "her", "such"]
  static let indefinites: Set<String> = ["a", "an", "another", "one"]
  static let passiveAux: Set<String> = ["was", "were", "been", "being", "is", "are", "got"]
  static let clauseBreak: Set<String> = [".", ";", ":", "?", "!"]
  /// Nouns that stand for an armed force even when no actor is named ("those forces fired").
  static let armedNouns: Set<String> = [
    "forces", "troops", "soldiers", "militants", "fighters", "militiamen", "gunmen", "jets", "warplanes", "insurgents",
    "rebels", "army", "military",
  ]
  static let vagueQuantifiers: Set<String> = [
    "other", "several", "many", "multiple", "some", "numerous", "various", "recent", "similar", "further", "more",
    "these", "those", "repeated", "frequent", "regular", "occasional", "past", "previous", "earlier", "such",
  ]
  static let locatives: Set<String> = ["in", "at", "near", "across", "inside", "into", "from", "throughout", "over", "within", "outside"]

  /// The trigger that stands for the incident: an interception or seizure
  /// first, then the first full event word, then a weak one with a weapon.
  func mainTrigger(_ triggers: [Mention]) -> Mention? {
    let roles = triggers.map { lexicon.triggers[$0.entry] }
    if let i = roles.firstIndex(where: { $0.subEventType == "Disrupted weapons use" }) { return triggers[i] }
    if let i = roles.firstIndex(where: { $0.role == "event" }) {
      // "fired at launch sites hours before the attack": the definite one is a reference, the action leads
      if let w = roles.firstIndex(where: { $0.role == "weak" }), w < i, isDefinite(triggers[i]) { return triggers[w] }
      // a weak trigger before it with its own weapon ("fired six artillery rounds at the attack's …") leads
      if let w = roles.firstIndex(where: { $0.role == "weak" }), w < i {
        let near = max(0, triggers[w].tokens.lowerBound - 4)..<triggers[i].tokens.lowerBound
        if !mentions(.weapon, in: near).isEmpty { return triggers[w] }
      }
      return triggers[i]
    }
    return triggers.first { lexicon.triggers[$0.entry].role == "weak" } ?? triggers.first
  }

  /// Why this mention is not an incident, if it is not.
  func nonEventReason(_ main: Mention, trig: Trigger, sentence s: Sentence, clause: Range<Int>, weapons: [Mention])
    -> (String, String)?
  {
    let start = main.tokens.lowerBound
    let window = max(s.tokens.lowerBound, start - 6)..<start
    let near = max(s.tokens.lowerBound, start - 4)..<start
    let word = text(main.tokens)
    let armed = mentions(.actor, in: s.tokens).contains(where: isArmed)
      || s.tokens.contains { Self.armedNouns.contains(norm($0)) }
    if trig.role == "weak" && weapons.isEmpty && !armed {
      return ("reject.weak-trigger.v1", "'\(word)' without a weapon or an armed actor")
    }
    // agreements, arrests, deployments are conflict events only between armed actors
    if trig.eventType == "Strategic developments",
      ["Agreement", "Arrests", "Change to group/activity", "Headquarters or base established"].contains(trig.subEventType),
      !mentions(.actor, in: s.tokens).contains(where: isArmed)
    {
      return ("reject.no-armed-actor.v1", "'\(word)' involves no armed group or force")
    }
    // "more than 100 airstrikes", "dozens of attacks": a tally
    if isPlural(main) {
      let lo = max(s.tokens.lowerBound, start - 3)
      let dateTokens = Set(mentions(.date, in: s.tokens).flatMap { Array($0.tokens) })
      if let n = mentions(.number, in: lo..<start).last(where: { !dateTokens.contains($0.tokens.lowerBound) }), n.entry >= 10 {
        return ("reject.aggregate.v1", "'\(text(n.tokens)) \(word)' is a tally of incidents")
      }
      if (lo..<start).contains(where: { ["more", "over", "least", "hundreds", "thousands", "scores"].contains(norm($0)) }) {
        return ("reject.aggregate.v1", "'\(word)' is a tally of incidents")
      }
    }
    if let c = cues(["aggregate"], in: near).last {
      return ("reject.aggregate.v1", "'\(text(c.tokens)) \(word)' counts many incidents, not one")
    }
    if isPlural(main), Self.vagueQuantifiers.contains(norm(start - 1)) {
      return ("reject.aggregate.v1", "'\(norm(start - 1)) \(word)' speaks of several incidents, not one")
    }
    if isPlural(main), let c = cues(["aggregate"], in: main.tokens.upperBound..<min(s.tokens.upperBound, main.tokens.upperBound + 4)).first {
      return ("reject.aggregate.v1", "'\(word) \(text(c.tokens))' counts many incidents, not one")
    }
    if let c = cues(["threat"], in: window).last {
      return ("reject.threat.v1", "'\(text(c.tokens))' makes '\(word)' a threat or plan, not an incident")
    }
    if let c = cues(["hypothetical"], in: window).last {
      return ("reject.hypothetical.v1", "'\(text(c.tokens))' makes '\(word)' hypothetical")
    }
    if let c = cues(["negation"], in: max(s.tokens.lowerBound, start - 3)..<start).last {
      return ("reject.negated.v1", "'\(text(c.tokens)) \(word)' says it did not happen")
    }
    if lexicon.triggerBlockers.contains(norm(main.tokens.upperBound)) {
      return ("reject.modifier.v1", "'\(word) \(norm(main.tokens.upperBound))' names a thing, not an incident")
    }
    let prev = norm(start - 1)
    if prev == "to" || (["of", "for", "about", "from"].contains(prev) && norm(main.tokens.upperBound - 1).hasSuffix("ing")) {
      return ("reject.not-realised.v1", "'\(prev) \(word)' is an intention or possibility, not an incident")
    }
    if ["may", "might", "could", "would", "will", "should", "must", "can"].contains(prev) {
      return ("reject.modal.v1", "'\(prev) \(word)' is not a report of an incident")
    }
    if let c = cues(["background"], in: window).last, norm(c.tokens.lowerBound) == "anniversary" {
      return ("reject.anniversary.v1", "'\(text(c.tokens))' refers to an older incident without its date")
    }
    // a bare "attack" or "strike" with no weapon, no armed actor and no casualty is not
    // clearly political violence ("a strike by dockers", "a heart attack")
    if trig.subEventType.isEmpty && weapons.isEmpty && !armed && !isDefinite(main)
      && !mentions(.trigger, in: s.tokens).contains(where: { lexicon.triggers[$0.entry].role == "casualty" })
    {
      return ("reject.no-force.v1", "'\(word)' names no weapon, armed actor or casualty")
    }
    return nil
  }

  /// An actor that can fight: forces, militias, rebels, groupings, unidentified attackers.
  func isArmed(_ m: Mention) -> Bool {
    ["state_forces", "militia", "rebel", "external", "group", "identity_militia", "unidentified"].contains(lexicon.actors[m.entry].kind)
  }

  /// A description of one incident: a count, an indefinite object ("seized a
  /// ship"), or a named site or town.
  func isSpecificDescription(_ main: Mention, clause: Range<Int>, weapons: [Mention]) -> Bool {
    if hasCount(before: main, in: clause) || hasCount(weaponsOf: weapons) { return true }
    let hi = min(clause.upperBound, main.tokens.upperBound + 3)
    if (main.tokens.upperBound..<hi).contains(where: { Self.indefinites.contains(norm($0)) || t.flags[$0].contains(.number) }) {
      return true
    }
    return mentions(.place, in: clause).contains { lexicon.places[$0.entry].specificity >= 4 }
  }

  /// "the attack", "this strike", "the 2020 retaliatory missile strike": a
  /// reference to an incident already described. Only modifiers may stand
  /// between the determiner and the trigger (weapons, actors, dates, adjectives).
  func isDefinite(_ m: Mention) -> Bool {
    var i = m.tokens.lowerBound - 1
    var steps = 0
    let covered = Set(
      doc.mentions.filter { [.weapon, .actor, .country, .date].contains($0.kind) && $0.tokens.upperBound <= m.tokens.lowerBound + 1 }
        .flatMap { Array($0.tokens) })
    while i >= 0 && steps < 4 {
      let n = norm(i)
      if Self.determiners.contains(n) { return true }
      if Self.indefinites.contains(n) || t.flags[i].contains(.number) { return false }
      if t.flags[i].contains(.punctuation) && !t.flags[i].contains(.joiner) { return false }
      if t.flags[i].contains(.newlineBefore) { return false }
      let adjective = ["ory", "ive", "al", "ic", "ful", "ous", "ian", "ese", "ish"].contains { n.hasSuffix($0) }
      if !covered.contains(i) && !t.flags[i].contains(.joiner) && !adjective { return false }
      i -= 1
      steps += 1
    }
    return false
  }

  /// A count or indefinite article just before the trigger ("a rocket barrage", "eight rounds").
  func hasCount(before m: Mention, in clause: Range<Int>) -> Bool {
    let lo = max(clause.lowerBound, m.tokens.lowerBound - 3)
    for i in lo..<m.tokens.lowerBound where Self.indefinites.contains(norm(i)) || t.flags[i].contains(.number) {
      return true
    }
    return !mentions(.number, in: lo..<m.tokens.lowerBound).isEmpty
  }

  func hasCount(weaponsOf weapons: [Mention]) -> Bool {
    for w in weapons {
      let lo = max(0, w.tokens.lowerBound - 4)
      if !mentions(.number, in: lo..<w.tokens.lowerBound).isEmpty { return true }
      for i in lo..<w.tokens.lowerBound where Self.indefinites.contains(norm(i)) { return true }
    }
    return false
  }

  func isPlural(_ m: Mention) -> Bool {
    let n = norm(m.tokens.upperBound - 1)
    return n.hasSuffix("s") && !n.hasSuffix("ss") && lexicon.triggers[m.entry].lemma != n
  }

  func firstReportingSentence() -> Int {
    doc.sentences.firstIndex { !$0.isFurniture && !$0.isHeadline } ?? 0
  }

  /// The latest resolved date in the two sentences before, for a sentence with none.
  func inheritedDate(index: Int) -> (FuzzyDate, TextRange)? {
    var k = index - 1
    var looked = 0
    while k >= 0 && looked < 2 {
      if doc.sentences[k].isFurniture {
        k -= 1
        continue
      }
      if let (pos, d) = sentenceDates[k].last, d.precision != .year,
        let m = doc.mentions.first(where: { $0.kind == .date && $0.tokens.lowerBound == pos })
      {
        return (d, m.range)
      }
      looked += 1
      k -= 1
    }
    return nil
  }

  /// What "the same day" refers to: the latest date before it (in this sentence or the two before).
  func contextDate(before index: Int, at position: Int) -> FuzzyDate? {
    if let d = sentenceDates[index].last(where: { $0.0 < position }) { return d.1 }
    return inheritedDate(index: index)?.0 ?? events.last?.date
  }

  /// The event a definite mention refers to: the latest compatible one nearby.
  func anaphoraTarget(for main: Mention, trig: Trigger, weapons: [Mention], sentence index: Int) -> Int? {
    let disrupted = trig.subEventType == "Disrupted weapons use"
    for i in events.indices.reversed() {
      guard index - lastEventSentence[i] <= 8 else { continue }
      let isDisrupted = events[i].subEventType == "Disrupted weapons use"
      if disrupted != isDisrupted { continue }
      return i
    }
    return nil
  }

  // MARK: type

  func classify(main: Mention, triggers: [Mention], weapons: [Mention], clause: Range<Int>)
    -> (String, String, String, TextRange?)
  {
    let trig = lexicon.triggers[main.entry]
    let all = triggers.map { lexicon.triggers[$0.entry] }
    if trig.subEventType == "Disrupted weapons use" || (trig.lemma == "seize" && !weapons.isEmpty && !mentionsShip(clause)) {
      return ("Strategic developments", "Disrupted weapons use", "type.disrupted.v1", main.range)
    }
    if trig.lemma == "seize" || all.contains(where: { $0.lemma == "seize" }) {
      if mentionsShip(clause) {
        return ("Strategic developments", "Looting/property destruction", "type.ship-seizure.v1", main.range)
      }
    }
    // a strategic development named as such ("unprofessional interaction", "deployment") keeps its type
    if trig.eventType == "Strategic developments" && !trig.subEventType.isEmpty {
      return (trig.eventType, trig.subEventType, "type.trigger.v1", main.range)
    }
    if let w = weapons.first(where: { !lexicon.weapons[$0.entry].subEventHint.isEmpty }) {
      let hint = lexicon.weapons[w.entry].subEventHint
      let type = hint == "Armed clash" ? "Battles" : "Explosions/Remote violence"
      return (type, hint, "type.weapon-hint.v1", w.range)
    }
    if !trig.eventType.isEmpty && !trig.subEventType.isEmpty {
      return (trig.eventType, trig.subEventType, "type.trigger.v1", main.range)
    }
    // a "strike" by an armed force, weapon unnamed, is an air or drone strike in this reporting
    if trig.lemma == "strike" {
      return ("Explosions/Remote violence", "Air/drone strike", "type.strike-default.v1", main.range)
    }
    if let other = triggers.first(where: { !lexicon.triggers[$0.entry].subEventType.isEmpty }) {
      let o = lexicon.triggers[other.entry]
      return (o.eventType, o.subEventType, "type.trigger.v1", other.range)
    }
    return ("Battles", "Armed clash", "type.default-attack.v1", main.range)
  }

  func mentionsShip(_ clause: Range<Int>) -> Bool {
    for i in clause where ["ship", "ships", "tanker", "tankers", "vessel", "vessels", "boat", "freighter", "carrier"].contains(norm(i)) {
      return true
    }
    return mentions(.actor, in: clause).contains { lexicon.actors[$0.entry].kind == "target" }
  }

  // MARK: actors

  func actors(main: Mention, clause: Range<Int>, sentence s: Sentence, eventType: String, subType: String)
    -> (EventActor?, EventActor?, [Evidence])
  {
    let placeTokens = Set(mentions(.place, in: clause).filter { lexicon.places[$0.entry].precision != "country" }.flatMap { Array($0.tokens) })
    let all = mentions(.actor, in: clause).filter { m in
      guard isPerpetratorKind(m) || lexicon.actors[m.entry].kind == "target" else { return false }
      // "in Syria", "central Syria": a place here, not an actor
      if lexicon.actors[m.entry].kind == "state" && Self.locatives.contains(norm(m.tokens.lowerBound - 1)) { return false }
      return !placeTokens.contains(m.tokens.lowerBound)
    }
    let start = main.tokens.lowerBound
    let passive = (1...2).contains { start - $0 >= clause.lowerBound && Self.passiveAux.contains(norm(start - $0)) }
    var a1: Mention?
    var a2: Mention?
    let before = all.filter { $0.tokens.lowerBound < start }
    let after = all.filter { $0.tokens.lowerBound >= main.tokens.upperBound }
    // "by X" names the one who acted
    let byActor = after.first { m in
      (1...3).contains { k in m.tokens.lowerBound - k >= 0 && norm(m.tokens.lowerBound - k) == "by" }
    }
    // "attributed the attack to X", "blamed X"
    let attributed = all.first { m in
      let lo = max(s.tokens.lowerBound, m.tokens.lowerBound - 6)
      return (lo..<m.tokens.lowerBound).contains { ["attributed", "blamed", "blames", "blaming"].contains(norm($0)) }
    }
    if passive {
      a1 = byActor
      a2 = before.last { lexicon.actors[$0.entry].kind != "monitor" }
        ?? after.first { m in m != byActor && (1...4).contains { k in ["at", "on", "against", "targeting"].contains(norm(m.tokens.lowerBound - k)) } }
    } else {
      a1 = before.last
      a2 = after.first { $0 != byActor && !sameActor($0, a1) }
      if a1 == nil { a1 = byActor }
    }
    if let attributed { a1 = attributed }
    // "three explosive devices were seized by SDF fighters": the one who seized
    if subType == "Disrupted weapons use", let byActor { a1 = byActor }
    if let x = a1, let y = a2, sameActor(x, y) { a2 = nil }
    var evidence: [Evidence] = []
    var actor1 = a1.map(eventActor)
    if let a1 { evidence.append(Evidence(field: "actor1", range: a1.range, rule: passive ? "actor.passive-by.v1" : "actor.subject.v1")) }
    if let a2 { evidence.append(Evidence(field: "actor2", range: a2.range, rule: passive ? "actor.passive-subject.v1" : "actor.object.v1")) }
    // the attacker the article names in its headline, when the text here names only the target
    if actor1 == nil, subType != "Disrupted weapons use", let d = defaultAttacker, let target = a2,
      let did = d.id, let da = lexicon.actor(id: did), da.side != lexicon.actors[target.entry].side
    {
      actor1 = d
      evidence.append(Evidence(field: "actor1", range: s.range, rule: "actor.article-attacker.v1"))
    }
    return (actor1, a2.map(eventActor), evidence)
  }

  func sameActor(_ a: Mention?, _ b: Mention?) -> Bool {
    guard let a, let b else { return false }
    if a.entry == b.entry { return true }
    let x = lexicon.actors[a.entry]
    let y = lexicon.actors[b.entry]
    return !x.side.isEmpty && x.side == y.side && x.side != "other" && x.side != "neutral"
  }

  // MARK: place

  func eventPlace(_ p: Place) -> EventPlace {
    EventPlace(
      name: p.name, country: p.country, admin1: p.admin1.isEmpty ? nil : p.admin1, lat: p.lat, lon: p.lon,
      precision: p.precision, placeID: p.id)
  }

  func countryPlace(_ iso2: String) -> EventPlace? {
    if let i = lexicon.countryPlace[iso2] { return eventPlace(lexicon.places[i]) }
    guard let c = lexicon.countries.first(where: { $0.iso2 == iso2 }) else { return nil }
    return EventPlace(name: c.name, country: iso2, admin1: nil, lat: nil, lon: nil, precision: "country", placeID: nil)
  }

  /// The place of an incident: a place named near its trigger (the first
  /// after it, or a more specific one right behind), else one named in the
  /// sentence, else a country of the region named in the sentence, else the
  /// incident it continues, else the country the article is about.
  /// A town named with a direction ("east of Damascus", "the outskirts of Homs",
  /// "the Raqqa countryside") locates the incident only to its surroundings.
  func qualified(_ m: Mention) -> EventPlace {
    var p = eventPlace(lexicon.places[m.entry])
    guard p.specificity >= 4 else { return p }
    let b1 = norm(m.tokens.lowerBound - 1)
    let b2 = norm(m.tokens.lowerBound - 2)
    let b3 = norm(m.tokens.lowerBound - 3)
    let directions: Set<String> = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts", "countryside", "vicinity"]
    let around = (b1 == "of" && (directions.contains(b2) || (b2 == "-" && directions.contains(b3))))
      || ["countryside", "outskirts", "desert"].contains(norm(m.tokens.upperBound))
    if around {
      p.precision = "district"
      p.name = text((b1 == "of" ? (b2 == "-" ? m.tokens.lowerBound - 4 : m.tokens.lowerBound - 2) : m.tokens.lowerBound)..<(b1 == "of" ? m.tokens.upperBound : m.tokens.upperBound + 1))
    }
    return p
  }

  func placeFor(
    clause: Range<Int>, sentence s: Sentence, index: Int, main: Mention, actor1: EventActor?, continuing: Bool,
    violent: Bool = true
  ) -> (EventPlace, Evidence)? {
    let actorTokens = Set(mentions(.actor, in: s.tokens).filter { lexicon.actors[$0.entry].kind != "state" }.flatMap { Array($0.tokens) })
    // an attacker abroad: its own country is rarely where it struck (not so for agreements, arrests…)
    let attackerCountry = violent ? actor1?.id.flatMap { lexicon.actor(id: $0)?.country } : nil
    func usable(_ m: Mention) -> Bool {
      let p = lexicon.places[m.entry]
      if actorTokens.contains(m.tokens.lowerBound) { return false }
      // the attacker's own country named as such is not where it struck
      if p.precision == "country" && p.country == attackerCountry { return false }
      // a bare country name is a place only after "in", "across", "inside"…
      if p.precision == "country" && !Self.locatives.contains(norm(m.tokens.lowerBound - 1))
        && !["of", "on", "against"].contains(norm(m.tokens.lowerBound - 1))
      {
        return false
      }
      return true
    }
    let places = mentions(.place, in: clause).filter(usable)
    let after = places.filter { $0.tokens.lowerBound >= main.tokens.upperBound }
    var best: Mention?
    if let first = after.first {
      best = first
      // "in eastern Syria, near Abu Kamal": a more specific place right behind
      let triggerStarts = Set(mentions(.trigger, in: clause).map(\.tokens.lowerBound))
      for m in after.dropFirst() where m.tokens.lowerBound - first.tokens.upperBound <= 5 {
        let between = first.tokens.upperBound..<m.tokens.lowerBound
        if between.contains(where: { triggerStarts.contains($0) || norm($0) == "and" }) { break }
        if let b = best, lexicon.places[m.entry].specificity > lexicon.places[b.entry].specificity { best = m }
      }
    } else if let last = places.last {
      best = last
    }
    if let best {
      return (qualified(best), Evidence(field: "location", range: best.range, rule: best.rule))
    }
    let sentencePlaces = mentions(.place, in: s.tokens).filter(usable)
    if let m = sentencePlaces.max(by: { lexicon.places[$0.entry].specificity < lexicon.places[$1.entry].specificity }) {
      return (eventPlace(lexicon.places[m.entry]), Evidence(field: "location", range: m.range, rule: "place.sentence.v1"))
    }
    // a country of the region named in the sentence (not the attacker's own), the article's focus first
    let regional = mentions(.country, in: s.tokens).filter { m in
      let c = lexicon.countries[m.entry]
      return (c.region == "Middle East" || c.region == "Northern Africa") && c.iso2 != attackerCountry
    }
    if let m = regional.first(where: { lexicon.countries[$0.entry].iso2 == focusCountry }) ?? regional.first,
      let p = countryPlace(lexicon.countries[m.entry].iso2)
    {
      return (p, Evidence(field: "location", range: m.range, rule: "place.country-mention.v1"))
    }
    // the incident this sentence continues
    if continuing, let last = events.last, !last.background, let li = lastEventSentence.last, index - li <= 2,
      last.place.country != nil
    {
      return (last.place, Evidence(field: "location", range: s.range, rule: "place.previous-incident.v1"))
    }
    if let f = focusCountry, let p = countryPlace(f) {
      return (p, Evidence(field: "location", range: s.range, rule: "place.article-focus.v1"))
    }
    return nil
  }

  // MARK: casualties

  func casualties(sentence s: Sentence, clause: Range<Int>, main: Mention) -> ([CasualtyClaim], Mention?) {
    var claims: [CasualtyClaim] = []
    let none = cues(["no-casualties"], in: s.tokens).first
    for c in mentions(.trigger, in: s.tokens) {
      let trig = lexicon.triggers[c.entry]
      let kind: String
      switch trig.lemma {
      case "kill", "assassinate": kind = "fatalities"
      case "wound", "injure": kind = "injuries"
      default: continue
      }
      // "with intent to kill", "could have killed": not a casualty
      let before = norm(c.tokens.lowerBound - 1)
      if ["to", "could", "would", "might", "may", "will", "have"].contains(before) { continue }
      if let n = count(after: c, in: s) ?? count(before: c, in: s) {
        claims.append(CasualtyClaim(kind: kind, count: n.0, range: n.1, rule: "casualties.\(kind).v1"))
      } else if trig.lemma == "assassinate" {
        claims.append(CasualtyClaim(kind: "fatalities", count: 1, range: c.range, rule: "casualties.assassination.v1"))
      }
    }
    return (claims, none)
  }

  /// "killing three militiamen and a Syrian soldier" = 4.
  func count(after c: Mention, in s: Sentence) -> (Int, TextRange)? {
    var i = c.tokens.upperBound
    var total = 0
    var found = false
    var end = i
    var expecting = true
    var gap = 0
    while i < s.tokens.upperBound {
      let n = norm(i)
      if Self.clauseBreak.contains(n) { break }
      if expecting {
        if n == "at" && norm(i + 1) == "least" { i += 2; continue }
        if let m = doc.mentions.first(where: { $0.kind == .number && $0.tokens.lowerBound == i }),
          !doc.mentions.contains(where: { $0.kind == .date && $0.tokens.contains(i) })
        {
          total += m.entry
          found = true
          expecting = false
          end = m.tokens.upperBound
          i = m.tokens.upperBound
          gap = 0
          continue
        }
        if Self.indefinites.contains(n) {
          total += 1
          found = true
          expecting = false
          end = i + 1
          i += 1
          gap = 0
          continue
        }
        if found || gap > 1 || t.flags[i].contains(.punctuation) { break }
        gap += 1
        i += 1
        continue
      }
      if n == "and" || n == "," {
        // only another quantity continues the count
        let next = norm(i + 1)
        if doc.mentions.contains(where: { $0.kind == .number && $0.tokens.lowerBound == i + 1 }) || Self.indefinites.contains(next) {
          expecting = true
          i += 1
          continue
        }
        break
      }
      gap += 1
      if gap > 5 { break }
      end = i + 1
      i += 1
    }
    guard found else { return nil }
    return (total, doc.range(tokens: c.tokens.lowerBound..<end))
  }

  /// "two soldiers were killed", "17 dead".
  func count(before c: Mention, in s: Sentence) -> (Int, TextRange)? {
    let lo = max(s.tokens.lowerBound, c.tokens.lowerBound - 5)
    let dateTokens = Set(mentions(.date, in: s.tokens).flatMap { Array($0.tokens) })
    guard let m = mentions(.number, in: lo..<c.tokens.lowerBound).last(where: { !dateTokens.contains($0.tokens.lowerBound) })
    else { return nil }
    if (m.tokens.upperBound..<c.tokens.lowerBound).contains(where: { Self.clauseBreak.contains(norm($0)) }) { return nil }
    return (m.entry, doc.range(tokens: m.tokens.lowerBound..<c.tokens.upperBound))
  }

  // MARK: certainty and attribution

  func certainty(sentence s: Sentence) -> (String, Evidence?) {
    if let c = cues(["denial"], in: s.tokens).first {
      return ("disputed", Evidence(field: "certainty", range: c.range, rule: "certainty.denial.v1"))
    }
    if let c = cues(["claim"], in: s.tokens).first {
      return ("claimed", Evidence(field: "certainty", range: c.range, rule: "certainty.claim.v1"))
    }
    if let c = cues(["hedge"], in: s.tokens).first {
      return ("alleged", Evidence(field: "certainty", range: c.range, rule: "certainty.hedge.v1"))
    }
    return ("reported", nil)
  }

  /// Who the sentence attributes its information to: "according to X", "X said", "said X".
  func reporter(sentence s: Sentence) -> (String, TextRange)? {
    let r = s.tokens
    for i in r where norm(i) == "according" && norm(i + 1) == "to" {
      var j = i + 2
      var end = j
      while j < r.upperBound && j - i < 14 {
        let n = norm(j)
        if [",", ".", ";", "that", "who", "which", "\""].contains(n) { break }
        end = j + 1
        j += 1
      }
      if end > i + 2 { return (cleanReporter(i + 2..<end), doc.range(tokens: i + 2..<end)) }
    }
    for i in r where ["said", "says", "told", "reported", "announced", "stated"].contains(norm(i)) {
      // "X said": the words before, back to a comma or quote
      var j = i - 1
      var start = i
      while j >= r.lowerBound && i - j <= 8 {
        let n = norm(j)
        if [",", "\"", "'", ".", ";", "--"].contains(n) || t.flags[j].contains(.newlineBefore) && j != i - 1 {
          break
        }
        start = j
        j -= 1
      }
      if start < i, !["he", "she", "they", "it", "we", "i"].contains(norm(start)) || i - start > 1 {
        let words = start..<i
        if words.count <= 8 && !words.contains(where: { ["that", "which", "who"].contains(norm($0)) }) {
          return (cleanReporter(words), doc.range(tokens: words))
        }
      }
      // "…, said X"
      var k = i + 1
      var end = k
      while k < r.upperBound && k - i <= 8 {
        let n = norm(k)
        if [",", ".", ";", "that", "on", "in", "\""].contains(n) { break }
        end = k + 1
        k += 1
      }
      if end > i + 1 { return (cleanReporter(i + 1..<end), doc.range(tokens: i + 1..<end)) }
    }
    return nil
  }

  func cleanReporter(_ r: Range<Int>) -> String {
    var s = text(r)
    for prefix in ["the ", "The ", "a ", "A "] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
    return s
  }

  func isOfficial(_ reporter: String) -> Bool {
    let l = reporter.lowercased()
    return ["official", "pentagon", "military", "ministry", "spokes", "command", "centcom", "army", "forces", "government", "release", "statement"]
      .contains { l.contains($0) }
  }

  func isBackground(date: FuzzyDate, sentence s: Sentence) -> Bool {
    guard let p = doc.published else { return false }
    let pub = FuzzyDate.dayNumber(p.year, p.month, p.day)
    if date.precision == .year { return date.year < p.year }
    return date.interval.upperBound < pub - 365
  }
}
