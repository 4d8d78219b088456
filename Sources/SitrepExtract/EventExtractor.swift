import Foundation
import SitrepAnnotate
import SitrepLexicon
import SitrepModel

/// Turns an annotated document into events, each field backed by the words
/// that gave it, and records why everything else was rejected.
///
/// Rules, in order: find incident mentions (trigger words, split by their
/// dates); reject aggregates, threats, plans, negations and hypotheticals;
/// attach date, place, actors, weapons and casualties from the clause and
/// its context; then merge mentions of one incident within the article.
public struct EventExtractor: Sendable {
  public let lexicon: Lexicon
  let pipeline: Pipeline

  public init(lexicon: Lexicon) throws {
    self.lexicon = lexicon
    self.pipeline = try Pipeline.standard(lexicon)
  }

  /// Annotates and extracts one article.
  public func extract(_ article: Article) -> Extraction {
    var doc = Document(article)
    pipeline.process(&doc)
    return extract(annotated: doc)
  }

  /// Extracts events from an already annotated document.
  public func extract(annotated doc: Document) -> Extraction {
    var run = Run(doc: doc, lexicon: lexicon)
    run.go()
    return Extraction(document: doc, events: run.events, diagnostics: run.diagnostics)
  }
}

/// The state of one extraction: the document, its mentions by sentence, and
/// the events found so far.
struct Run {
  let doc: Document
  let lexicon: Lexicon
  let t: TokenTable
  var events: [ExtractedEvent] = []
  var diagnostics: [Diagnostic] = []
  /// The most recent resolved date mention, per sentence index.
  var sentenceDates: [[(Int, FuzzyDate)]] = []
  var focusCountry: String?
  var defaultAttacker: EventActor?
  /// For each event, the sentence index it was last extended from.
  var lastEventSentence: [Int] = []

  init(doc: Document, lexicon: Lexicon) {
    self.doc = doc
    self.lexicon = lexicon
    self.t = doc.tokens
  }

  // MARK: helpers

  func norm(_ i: Int) -> String { i >= 0 && i < t.count ? t.norms[i] : "" }

  func text(_ r: Range<Int>) -> String { String(doc.slice(doc.range(tokens: r))) }

  func mentions(_ kind: Mention.Kind, in r: Range<Int>) -> [Mention] {
    doc.mentions.filter { $0.kind == kind && r.contains($0.tokens.lowerBound) }
  }

  func cues(_ kinds: Set<String>, in r: Range<Int>) -> [Mention] {
    mentions(.cue, in: r).filter { kinds.contains(lexicon.cues[$0.entry].cue) }
  }

  mutating func reject(_ rule: String, _ r: Range<Int>, _ message: String) {
    diagnostics.append(Diagnostic(rule: rule, range: doc.range(tokens: r), message: message))
  }

  // MARK: the run

  mutating func go() {
    computeFocus()
    // resolved dates per sentence (for inheritance)
    for s in doc.sentences {
      var list: [(Int, FuzzyDate)] = []
      for m in mentions(.date, in: s.tokens) {
        if let d = doc.temporals[m.entry].resolved { list.append((m.tokens.lowerBound, d)) }
      }
      sentenceDates.append(list)
    }
    defaultAttacker = findDefaultAttacker()
    for (index, sentence) in doc.sentences.enumerated() {
      if sentence.isFurniture {
        if sentence.tokens.count >= 3 { reject("reject.furniture.v1", sentence.tokens, "page furniture, not reporting") }
        continue
      }
      process(sentence: sentence, index: index)
    }
    events = events.map(Self.finished)
  }

  /// The country the article is mostly about, from place and country mentions in the region.
  mutating func computeFocus() {
    var counts: [String: Int] = [:]
    let actorTokens = Set(doc.mentions.filter { $0.kind == .actor }.flatMap { Array($0.tokens) })
    for m in doc.mentions where !t.flags[m.tokens.lowerBound].contains(.furniture) {
      if m.kind == .country && actorTokens.contains(m.tokens.lowerBound) { continue }
      switch m.kind {
      case .place:
        let p = lexicon.places[m.entry]
        // a bare country name counts only where it is a place ("in Syria"), not an actor ("Iran led")
        if p.precision == "country" && !Self.locatives.contains(norm(m.tokens.lowerBound - 1)) { continue }
        if p.country != "XX" { counts[p.country, default: 0] += 2 }
      case .country:
        let c = lexicon.countries[m.entry]
        if c.region == "Middle East" || c.region == "Northern Africa" { counts[c.iso2, default: 0] += 1 }
      default: break
      }
    }
    focusCountry = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }

  /// The attacker the article names in its headline or first sentences
  /// ("Iran-backed militants probably behind attacks …").
  func findDefaultAttacker() -> EventActor? {
    for s in doc.sentences.prefix(4) where !s.isFurniture {
      let triggers = mentions(.trigger, in: s.tokens).filter { lexicon.triggers[$0.entry].role != "casualty" }
      guard let first = triggers.first else { continue }
      let before = mentions(.actor, in: s.tokens.lowerBound..<first.tokens.lowerBound).filter { isPerpetratorKind($0) }
      if let a = before.last { return eventActor(a) }
    }
    return nil
  }

  func isPerpetratorKind(_ m: Mention) -> Bool {
    let a = lexicon.actors[m.entry]
    return !["monitor", "media", "civilians", "target"].contains(a.kind)
  }

  /// The actor, named with its place in the hierarchy ("IDF (Israel)",
  /// "Kata'ib Hezbollah (Islamic Resistance in Iraq, Iran-backed militias)").
  func eventActor(_ m: Mention) -> EventActor {
    let a = lexicon.actors[m.entry]
    let chain = lexicon.ancestors(of: a.id).prefix(2).map(\.name)
    let name = chain.isEmpty ? a.name : "\(a.name) (\(chain.joined(separator: ", ")))"
    return EventActor(name: name, id: a.id, surface: text(m.tokens), side: a.side.isEmpty ? nil : a.side)
  }

  // MARK: one sentence

  mutating func process(sentence s: Sentence, index: Int) {
    let triggers = mentions(.trigger, in: s.tokens)
    guard !triggers.isEmpty else { return }
    var incidentTriggers = triggers.filter { lexicon.triggers[$0.entry].role != "casualty" }
    // "a drone killed three soldiers": a casualty word with a weapon names the incident itself
    if incidentTriggers.isEmpty, !mentions(.weapon, in: s.tokens).filter({ !lexicon.weapons[$0.entry].isDefense }).isEmpty {
      incidentTriggers = triggers
    }
    guard !incidentTriggers.isEmpty else { return }
    let dates = mentions(.date, in: s.tokens)
    let resolved = dates.filter { doc.temporals[$0.entry].resolved != nil || isAnaphoricDate($0) }
    for d in dates where doc.temporals[d.entry].resolved == nil && !isAnaphoricDate(d) {
      if let p = doc.temporals[d.entry].problem { reject("date.unresolved.v1", d.tokens, p) }
    }

    // split the sentence into incident groups when it carries several dates
    var groups: [(triggers: [Mention], dates: [Mention], span: Range<Int>)] = []
    let distinct = Set(resolved.map { doc.temporals[$0.entry].resolved?.iso ?? "same-day" })
    if distinct.count <= 1 {
      groups = [(incidentTriggers, resolved, s.tokens)]
    } else {
      var byTrigger: [Int: [Mention]] = [:]
      for d in resolved {
        let before = incidentTriggers.lastIndex { $0.tokens.lowerBound < d.tokens.lowerBound } ?? 0
        byTrigger[before, default: []].append(d)
      }
      var current: (triggers: [Mention], dates: [Mention], start: Int)?
      for (i, trig) in incidentTriggers.enumerated() {
        if byTrigger[i] != nil || current == nil {
          if let c = current { groups.append((c.triggers, c.dates, c.start..<trig.tokens.lowerBound)) }
          current = ([trig], byTrigger[i] ?? [], current == nil ? s.tokens.lowerBound : trig.tokens.lowerBound)
        } else {
          current?.triggers.append(trig)
        }
      }
      if let c = current { groups.append((c.triggers, c.dates, c.start..<s.tokens.upperBound)) }
    }
    var sentenceActors: (EventActor?, EventActor?) = (nil, nil)
    var sentenceType: (String, String)?
    for g in groups {
      let dateList = g.dates.isEmpty ? [nil] : g.dates.map { Optional($0) }
      for d in dateList {
        if var ev = incident(sentence: s, index: index, triggers: g.triggers, date: d, span: g.span) {
          if ev.actor1 == nil { ev.actor1 = sentenceActors.0 }
          if ev.actor2 == nil { ev.actor2 = sentenceActors.1 }
          sentenceActors = (ev.actor1, ev.actor2)
          // "airstrikes … on October 26, and precision strikes on November 12": one kind of action
          if let previous = sentenceType, typeIsDefault(ev) {
            (ev.eventType, ev.subEventType) = previous
            ev.evidence.removeAll { $0.rule == "type.default-attack.v1" }
            ev.evidence.append(Evidence(field: "sub_event_type", range: s.range, rule: "type.same-sentence.v1"))
          }
          if !typeIsDefault(ev) { sentenceType = (ev.eventType, ev.subEventType) }
          add(ev, sentence: index, triggers: g.triggers)
        }
      }
    }
  }

  func isAnaphoricDate(_ m: Mention) -> Bool {
    if case .sameDayAsContext = doc.temporals[m.entry].value { return true }
    return false
  }

  /// One incident mention, or nil (with a diagnostic) when it is not an event.
  mutating func incident(
    sentence s: Sentence, index: Int, triggers: [Mention], date dateMention: Mention?, span: Range<Int>
  ) -> ExtractedEvent? {
    // the first trigger that names a real incident; others in the clause may not
    // ("dozens of attacks … since the Hamas attack on Israel on October 7")
    guard let preferred = mainTrigger(triggers) else { return nil }
    let ordered = [preferred] + triggers.filter { $0 != preferred && lexicon.triggers[$0.entry].role != "casualty" }
    var chosen: Mention?
    var firstReason: (String, String)?
    for (k, candidate) in ordered.enumerated() {
      if k > 0 {
        // another trigger of the clause stands for an incident only when the first was a count
        // of many and this one has a date of its own right after it
        guard let r = firstReason, r.0 == "reject.aggregate.v1" || r.0 == "reject.generic-plural.v1",
          let dm = dateMention, dm.tokens.lowerBound > candidate.tokens.lowerBound,
          dm.tokens.lowerBound - candidate.tokens.upperBound <= 8
        else { break }
      }
      let w = mentions(.weapon, in: span).filter { !lexicon.weapons[$0.entry].isDefense }
      if let reason = nonEventReason(candidate, trig: lexicon.triggers[candidate.entry], sentence: s, clause: span, weapons: w) {
        if firstReason == nil { firstReason = reason }
        continue
      }
      chosen = candidate
      break
    }
    guard let main = chosen else {
      if let r = firstReason { reject(r.0, s.tokens, r.1) }
      return nil
    }
    let trig = lexicon.triggers[main.entry]
    let clause = span
    let weapons = mentions(.weapon, in: clause).filter { !lexicon.weapons[$0.entry].isDefense }

    let definite = isDefinite(main)
    let countNP = hasCount(before: main, in: clause) || hasCount(weaponsOf: weapons)

    // date
    var date: FuzzyDate?
    var dateEvidence: Evidence?
    var hasOwnDate = false
    if let d = dateMention {
      if let r = doc.temporals[d.entry].resolved {
        date = r
        hasOwnDate = true
      } else if case .sameDayAsContext(let offset) = doc.temporals[d.entry].value, let ctx = contextDate(before: index, at: d.tokens.lowerBound) {
        if ctx.precision == .day, offset != 0 {
          date = FuzzyDate(dayNumber: ctx.interval.lowerBound + offset)
        } else {
          date = ctx
        }
      }
      dateEvidence = Evidence(field: "date", range: d.range, rule: doc.temporals[d.entry].rule)
    }
    if date == nil {
      if definite && !countNP {
        // "the attack": a reference to an incident already described
        if let target = anaphoraTarget(for: main, trig: trig, weapons: weapons, sentence: index) {
          extend(event: target, sentence: s, index: index, main: main, clause: clause, weapons: weapons)
        } else {
          reject("reject.no-date.v1", s.tokens, "'\(text(main.tokens))' refers to an incident with no date in the text")
        }
        return nil
      }
      if let (d, m) = inheritedDate(index: index), isSpecificDescription(main, clause: clause, weapons: weapons) {
        date = d
        dateEvidence = Evidence(field: "date", range: m, rule: "date.inherited-context.v1")
      } else if !s.isHeadline, index <= firstReportingSentence() + 1, let p = doc.published, !isPlural(main) {
        date = FuzzyDate(year: p.year, month: p.month, day: p.day)
        dateEvidence = Evidence(field: "date", range: s.range, rule: "date.publication-lede.v1")
      } else {
        reject("reject.no-date.v1", s.tokens, "no date for '\(text(main.tokens))' in the sentence or its context")
        return nil
      }
    }
    guard let date else { return nil }
    if isPlural(main) && !countNP && (!hasOwnDate || definite || date.precision != .day) {
      reject("reject.generic-plural.v1", s.tokens, "'\(text(main.tokens))' is a general mention, not one incident")
      return nil
    }
    if isPlural(main) && !countNP && !hasOwnDate && weapons.isEmpty && trig.subEventType.isEmpty {
      reject("reject.generic-plural.v1", s.tokens, "'\(text(main.tokens))' with no weapon or count names no single incident")
      return nil
    }

    var evidence: [Evidence] = [Evidence(field: "event_type", range: main.range, rule: "trigger.\(trig.lemma).v1")]
    if let dateEvidence { evidence.append(dateEvidence) }

    // type
    let (eventType, subType, typeRule, typeRange) = classify(main: main, triggers: triggers, weapons: weapons, clause: clause)
    if let typeRange { evidence.append(Evidence(field: "sub_event_type", range: typeRange, rule: typeRule)) }

    // actors
    let (actor1, actor2, actorEvidence) = actors(main: main, clause: clause, sentence: s, eventType: eventType, subType: subType)
    evidence += actorEvidence

    // place
    var place: EventPlace
    if let (p, e) = placeFor(
      clause: clause, sentence: s, index: index, main: main, actor1: actor1, continuing: !hasOwnDate,
      violent: eventType != "Strategic developments")
    {
      place = p
      evidence.append(e)
    } else {
      reject("reject.no-place.v1", s.tokens, "no place or country for '\(text(main.tokens))'")
      return nil
    }
    if place.country == nil && place.lat == nil { return nil }

    // casualties
    let (claims, noCasualties) = casualties(sentence: s, clause: clause, main: main)
    var fatalities: Int? = claims.filter { $0.kind == "fatalities" }.map(\.count).min()
    var injuries: Int? = claims.filter { $0.kind == "injuries" }.map(\.count).min()
    if let nc = noCasualties {
      fatalities = fatalities ?? 0
      injuries = injuries ?? 0
      evidence.append(Evidence(field: "fatalities", range: nc.range, rule: "casualties.none.v1"))
    }
    for c in claims { evidence.append(Evidence(field: c.kind, range: c.range, rule: c.rule)) }

    let certaintyResult = certainty(sentence: s)
    if let r = certaintyResult.1 { evidence.append(r) }
    let reportedBy = reporter(sentence: s)
    if let r = reportedBy { evidence.append(Evidence(field: "reported_by", range: r.1, rule: "attribution.v1")) }

    let background = isBackground(date: date, sentence: s)
    var weaponNames: [String] = []
    for w in weapons {
      let name = lexicon.weapons[w.entry].canonical
      if !weaponNames.contains(name) { weaponNames.append(name) }
      evidence.append(Evidence(field: "weapons", range: w.range, rule: "weapon.lexicon.v1"))
    }
    var certaintyValue = certaintyResult.0
    if certaintyValue == "reported", let r = reportedBy, isOfficial(r.0) { certaintyValue = "confirmed" }

    return ExtractedEvent(
      eventType: eventType, subEventType: subType, date: date, place: place, actor1: actor1, actor2: actor2,
      weapons: weaponNames, fatalities: fatalities, injuries: injuries, casualtyClaims: claims,
      certainty: certaintyValue, background: background,
      sources: [EventSource(document: doc.id, sentence: s.range, reportedBy: reportedBy?.0)],
      evidence: evidence, isSpecific: (hasOwnDate || countNP) && !definite, hasOwnDate: hasOwnDate)
  }
}
