import SitrepLexicon
import SitrepModel

extension Run {
  static let distinctCues: Set<String> = ["also", "other", "another", "separately", "second", "separate"]
  static let responseCues: Set<String> = ["response", "responded", "retaliation", "retaliated", "retaliatory"]

  /// Adds an incident mention: merged into an earlier event of the article
  /// when it is the same incident, else a new event.
  mutating func add(_ ev: ExtractedEvent, sentence index: Int, triggers: [Mention]) {
    var ev = ev
    let s = doc.sentences[index]
    // "also", "another" before the incident's own words mark a second incident
    let firstTrigger = triggers.first?.tokens.lowerBound ?? s.tokens.upperBound
    let distinct = (s.tokens.lowerBound..<firstTrigger).contains { Self.distinctCues.contains(norm($0)) }
    // "in response": the sides of the incident before, swapped
    if ev.actor1 == nil, let last = events.last, s.tokens.contains(where: { Self.responseCues.contains(norm($0)) }) {
      ev.actor1 = last.actor2
      if ev.actor2 == nil { ev.actor2 = last.actor1 }
      ev.evidence.append(Evidence(field: "actor1", range: s.range, rule: "actor.in-response.v1"))
    }
    // "those forces", "the troops": the actor of the incident before
    if ev.actor1 == nil, let last = events.last, let main = triggers.first {
      let lo = max(s.tokens.lowerBound, main.tokens.lowerBound - 4)
      let anaphoric = (lo..<main.tokens.lowerBound).contains { i in
        Self.determiners.contains(norm(i)) && ["forces", "troops", "militants", "militias", "fighters"].contains(norm(i + 1))
      }
      if anaphoric {
        ev.actor1 = last.actor1
        ev.evidence.append(Evidence(field: "actor1", range: s.range, rule: "actor.anaphoric.v1"))
      }
    }
    if distinct, typeIsDefault(ev), let last = events.last, !typeIsDefault(last) {
      ev.eventType = last.eventType
      ev.subEventType = last.subEventType
      ev.evidence.removeAll { $0.rule == "type.default-attack.v1" }
      ev.evidence.append(Evidence(field: "sub_event_type", range: s.range, rule: "type.also-previous.v1"))
    }
    if !distinct, let j = events.indices.reversed().first(where: { isSameIncident(events[$0], ev) }) {
      merge(ev, into: j)
      lastEventSentence[j] = index
      return
    }
    events.append(ev)
    lastEventSentence.append(index)
  }

  func typeIsDefault(_ e: ExtractedEvent) -> Bool {
    e.evidence.contains { $0.rule == "type.default-attack.v1" }
  }

  func isSameIncident(_ a: ExtractedEvent, _ b: ExtractedEvent) -> Bool {
    let typesAgree =
      (a.eventType == b.eventType && a.subEventType == b.subEventType)
      || (typeIsDefault(a) && b.eventType != "Strategic developments")
      || (typeIsDefault(b) && a.eventType != "Strategic developments")
    guard typesAgree, a.date.isCompatible(with: b.date) else { return false }
    // places: same country, and two named sites or towns must be the same one
    if let x = a.place.country, let y = b.place.country, x != y { return false }
    if a.place.specificity >= 4 && b.place.specificity >= 4 && a.place.placeID != b.place.placeID { return false }
    // different targets, or one's attacker the other's target: two incidents
    if let x = a.actor2?.id, let y = b.actor2?.id, side(x) != side(y) { return false }
    if let x = a.actor1?.id, let y = b.actor2?.id, side(x) == side(y) { return false }
    if let x = a.actor2?.id, let y = b.actor1?.id, side(x) == side(y) { return false }
    // two attackers from different sides are two incidents
    if let x = a.actor1?.id, let y = b.actor1?.id, x != y,
      let ax = lexicon.actor(id: x), let ay = lexicon.actor(id: y), ax.side != ay.side
    {
      return false
    }
    // two full descriptions of the same day are two incidents, unless they name the same place
    if a.isSpecific && b.isSpecific && a.date.precision == .day && b.date.precision == .day {
      return a.place.specificity >= 4 && a.place.placeID == b.place.placeID
    }
    return true
  }

  func side(_ id: String) -> String { lexicon.actor(id: id)?.side ?? id }

  /// Folds `ev` into event `j`: the most precise date and place, missing actors,
  /// every weapon, the lowest casualty figures, every source.
  mutating func merge(_ ev: ExtractedEvent, into j: Int) {
    var e = events[j]
    if ev.date.precision > e.date.precision { e.date = ev.date }
    if ev.place.specificity > e.place.specificity { e.place = ev.place }
    if e.actor1 == nil { e.actor1 = ev.actor1 }
    if e.actor2 == nil { e.actor2 = ev.actor2 }
    if typeIsDefault(e) && !typeIsDefault(ev) {
      e.eventType = ev.eventType
      e.subEventType = ev.subEventType
      e.evidence.removeAll { $0.rule == "type.default-attack.v1" }
    }
    for w in ev.weapons where !e.weapons.contains(w) { e.weapons.append(w) }
    e.casualtyClaims += ev.casualtyClaims
    e.fatalities = Self.lowest(e.fatalities, ev.fatalities)
    e.injuries = Self.lowest(e.injuries, ev.injuries)
    e.certainty = Self.strongerCertainty(e.certainty, ev.certainty)
    e.background = e.background && ev.background
    e.isSpecific = e.isSpecific || ev.isSpecific
    e.hasOwnDate = e.hasOwnDate || ev.hasOwnDate
    for s in ev.sources where !e.sources.contains(s) { e.sources.append(s) }
    e.evidence += ev.evidence
    events[j] = e
  }

  /// A sentence that refers back to event `j` ("the attack, which claimed no casualties").
  mutating func extend(event j: Int, sentence s: Sentence, index: Int, main: Mention, clause: Range<Int>, weapons: [Mention]) {
    var e = events[j]
    e.evidence.append(Evidence(field: "reference", range: main.range, rule: "event.anaphora.v1"))
    let source = EventSource(document: doc.id, sentence: s.range, reportedBy: reporter(sentence: s)?.0)
    if !e.sources.contains(where: { $0.sentence == s.range }) { e.sources.append(source) }
    for w in weapons {
      let weapon = lexicon.weapons[w.entry]
      if !e.weapons.contains(weapon.canonical) { e.weapons.append(weapon.canonical) }
      e.evidence.append(Evidence(field: "weapons", range: w.range, rule: "weapon.lexicon.v1"))
      if typeIsDefault(e) && !weapon.subEventHint.isEmpty {
        e.eventType = weapon.subEventHint == "Armed clash" ? "Battles" : "Explosions/Remote violence"
        e.subEventType = weapon.subEventHint
        e.evidence.removeAll { $0.rule == "type.default-attack.v1" }
        e.evidence.append(Evidence(field: "sub_event_type", range: w.range, rule: "type.weapon-hint.v1"))
      }
    }
    let actorsHere = mentions(.actor, in: s.tokens).filter { isPerpetratorKind($0) }
    if e.actor1 == nil || actorsHere.contains(where: { m in
      let lo = max(s.tokens.lowerBound, m.tokens.lowerBound - 6)
      return (lo..<m.tokens.lowerBound).contains { ["attributed", "blamed"].contains(norm($0)) }
    }) {
      let targetSide = e.actor2?.id.flatMap { lexicon.actor(id: $0)?.side }
      func preceded(_ m: Mention, by words: Set<String>, within k: Int) -> Bool {
        (1...k).contains { m.tokens.lowerBound - $0 >= s.tokens.lowerBound && words.contains(norm(m.tokens.lowerBound - $0)) }
      }
      func isReporter(_ m: Mention) -> Bool {
        (0..<4).contains { ["said", "say", "says", "told", "believe", "believed"].contains(norm(m.tokens.upperBound + $0)) }
      }
      let candidates = actorsHere.filter { lexicon.actors[$0.entry].side != targetSide }
      // "carried out by X", "the attack by X": the agent of this very incident
      let agentVerbs: Set<String> = ["out", "conducted", "launched", "fired", "staged", "executed", "perpetrated", "claimed", "orchestrated"]
      let pick = candidates.first { m in
        preceded(m, by: ["by"], within: 3)
          && ((1...4).contains { agentVerbs.contains(norm(m.tokens.lowerBound - $0)) } || m.tokens.lowerBound - main.tokens.upperBound <= 3)
      }
        ?? candidates.first { preceded($0, by: ["attributed", "blamed"], within: 6) }
        ?? candidates.first { !isReporter($0) }
      if let m = pick {
        e.actor1 = eventActor(m)
        e.evidence.append(Evidence(field: "actor1", range: m.range, rule: "actor.reference.v1"))
      }
    }
    let (claims, none) = casualties(sentence: s, clause: clause, main: main)
    for c in claims {
      e.casualtyClaims.append(c)
      e.evidence.append(Evidence(field: c.kind, range: c.range, rule: c.rule))
    }
    if !claims.isEmpty || none != nil {
      let f = claims.filter { $0.kind == "fatalities" }.map(\.count).min() ?? (none != nil ? 0 : nil)
      let i = claims.filter { $0.kind == "injuries" }.map(\.count).min() ?? (none != nil ? 0 : nil)
      e.fatalities = Self.lowest(e.fatalities, f)
      e.injuries = Self.lowest(e.injuries, i)
      if let none { e.evidence.append(Evidence(field: "fatalities", range: none.range, rule: "casualties.none.v1")) }
    }
    let (c, ce) = certainty(sentence: s)
    if c == "disputed" || c == "claimed" {
      e.certainty = Self.strongerCertainty(e.certainty, c)
      if let ce { e.evidence.append(ce) }
    }
    events[j] = e
    lastEventSentence[j] = index
  }

  static func lowest(_ a: Int?, _ b: Int?) -> Int? {
    switch (a, b) {
    case (nil, nil): return nil
    case (let x?, nil): return x
    case (nil, let y?): return y
    case (let x?, let y?): return min(x, y)
    }
  }

  static func strongerCertainty(_ a: String, _ b: String) -> String {
    let order = ["reported": 0, "confirmed": 1, "alleged": 2, "claimed": 3, "disputed": 4]
    return (order[b] ?? 0) > (order[a] ?? 0) ? b : a
  }

  static func finished(_ e: ExtractedEvent) -> ExtractedEvent {
    var e = e
    e.evidence.sort { ($0.range.start, $0.field) < ($1.range.start, $1.field) }
    return e
  }
}
