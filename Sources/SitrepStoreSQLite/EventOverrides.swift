import Foundation
import SitrepLexicon
import SitrepModel

/// The fields an analyst has set on an event. They win over what extraction
/// and merging give, and survive re-extraction (they belong to the incident,
/// whose id is stable). A field absent here is not overridden; a field set to
/// `Value(nil)` is overridden to null ("no fatalities figure", "no actor2").
public struct EventOverrides: Sendable, Codable, Hashable {
  public struct Value<T: Sendable & Codable & Hashable>: Sendable, Codable, Hashable {
    public var value: T?
    public init(_ value: T?) { self.value = value }
  }

  public var eventType: String?
  public var subEventType: String?
  public var date: String?
  public var location: EventRecord.Location?
  public var actor1: Value<EventRecord.ActorRef>?
  public var actor2: Value<EventRecord.ActorRef>?
  public var fatalities: Value<Int>?
  public var injuries: Value<Int>?
  public var certainty: String?
  public var background: Bool?

  public init() {}

  /// The fields an analyst may set, as `sitrep review --set FIELD=VALUE` names them.
  public static let fields = [
    "sub_event_type", "date", "location", "actor1", "actor2", "fatalities", "injuries", "certainty", "background",
  ]

  public var isEmpty: Bool { self == EventOverrides() }

  /// Applies the overrides to a merged record.
  public func apply(to r: inout EventRecord) {
    if let t = eventType, let s = subEventType {
      r.eventType = t
      r.subEventType = s
    }
    if let d = date, let f = FuzzyDate.parse(d) {
      r.date = f.iso
      r.datePrecision = f.precision.rawValue
    }
    if let l = location { r.location = l }
    if let a = actor1 { r.actor1 = a.value }
    if let a = actor2 { r.actor2 = a.value }
    if let f = fatalities { r.fatalities = f.value }
    if let i = injuries { r.injuries = i.value }
    if let c = certainty { r.certainty = c }
    if let b = background { r.background = b }
  }

  /// Sets one field from what an analyst typed, checked against the lexicon:
  /// a sub-event type of the taxonomy, a real date, a gazetteer place, a known
  /// actor (or `none`), a count (or `unknown`), a certainty, true/false.
  /// - Throws: ``SitrepError`` `.invalidArgument` saying what is valid.
  public mutating func set(_ field: String, to text: String, lexicon: Lexicon) throws {
    let v = text.trimmingCharacters(in: .whitespaces)
    func invalid(_ m: String) -> SitrepError { SitrepError(.invalidArgument, "\(field): \(m)") }
    switch field {
    case "sub_event_type":
      let pairs = lexicon.taxonomy.flatMap { t, subs in subs.map { (t, $0) } }
      guard let hit = pairs.first(where: { $0.1.caseInsensitiveCompare(v) == .orderedSame }) else {
        throw invalid("'\(v)' is not an ACLED sub-event type; valid: " + pairs.map(\.1).sorted().joined(separator: ", "))
      }
      eventType = hit.0
      subEventType = hit.1
    case "date":
      guard let d = FuzzyDate.parse(v) else { throw invalid("'\(v)' is not a date: give YYYY-MM-DD, YYYY-MM or YYYY") }
      date = d.iso
    case "location":
      guard let p = lexicon.places(named: v).first else { throw invalid("'\(v)' is not in the gazetteer") }
      location = .init(
        name: p.name, country: p.country, admin1: p.admin1.isEmpty ? nil : p.admin1, lat: p.lat, lon: p.lon,
        precision: p.precision)
    case "actor1", "actor2":
      var ref: EventRecord.ActorRef?
      if v.lowercased() != "none" {
        guard let a = lexicon.actors(named: v).first else {
          throw invalid("unknown actor '\(v)'; give a name, alias or id from the actor lexicon, or 'none'")
        }
        ref = .init(name: a.name, id: a.id)
      }
      if field == "actor1" { actor1 = .init(ref) } else { actor2 = .init(ref) }
    case "fatalities", "injuries":
      var n: Int?
      if v.lowercased() != "unknown" {
        guard let x = Int(v), x >= 0 else { throw invalid("give a whole number ≥ 0, or 'unknown'") }
        n = x
      }
      if field == "fatalities" { fatalities = .init(n) } else { injuries = .init(n) }
    case "certainty":
      guard EventFilterParser.certainties.contains(v.lowercased()) else {
        throw invalid("valid: " + EventFilterParser.certainties.joined(separator: ", "))
      }
      certainty = v.lowercased()
    case "background":
      guard let b = Bool(v.lowercased()) else { throw invalid("give true or false") }
      background = b
    default:
      throw SitrepError(.invalidArgument, "'\(field)' cannot be edited; fields: " + Self.fields.joined(separator: ", "))
    }
  }

  /// Removes an analyst's value, so the field follows the sources again.
  public mutating func unset(_ field: String) throws {
    switch field {
    case "sub_event_type":
      eventType = nil
      subEventType = nil
    case "date": date = nil
    case "location": location = nil
    case "actor1": actor1 = nil
    case "actor2": actor2 = nil
    case "fatalities": fatalities = nil
    case "injuries": injuries = nil
    case "certainty": certainty = nil
    case "background": background = nil
    default:
      throw SitrepError(.invalidArgument, "'\(field)' cannot be edited; fields: " + Self.fields.joined(separator: ", "))
    }
  }
}
