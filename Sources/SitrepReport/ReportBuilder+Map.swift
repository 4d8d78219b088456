import Foundation

/// The map: country outlines from the base map (or a bare graticule), names
/// of the larger countries, and one circle per place and event type.
extension ReportBuilder {
  typealias XY = (x: Double, y: Double)

  /// The box the map shows: the located events; else the countries the
  /// events name (their largest ring, so France means Europe, not Guiana); else the world.
  func mapFrame() -> MapFrame {
    if let first = points.values.first {
      var box = (w: first.lon, e: first.lon, s: first.lat, n: first.lat)
      for p in points.values {
        box = (min(box.w, p.lon), max(box.e, p.lon), min(box.s, p.lat), max(box.n, p.lat))
      }
      return MapFrame(west: box.w, east: box.e, south: box.s, north: box.n)
    }
    var box: (w: Double, e: Double, s: Double, n: Double)?
    for country in basemap?.countries ?? [] {
      guard let iso2 = country.iso2, countryCounts[iso2] != nil,
        let ring = country.rings.max(by: { Self.bbox($0).area < Self.bbox($1).area })
      else { continue }
      let b = Self.bbox(ring)
      box = box.map { (min($0.w, b.w), max($0.e, b.e), min($0.s, b.s), max($0.n, b.n)) } ?? (b.w, b.e, b.s, b.n)
    }
    if let box { return MapFrame(west: box.w, east: box.e, south: box.s, north: box.n) }
    return MapFrame(west: -170, east: 170, south: -50, north: 72)
  }

  static func bbox(_ ring: [[Double]]) -> (w: Double, e: Double, s: Double, n: Double, area: Double) {
    var b = (w: Double.infinity, e: -Double.infinity, s: Double.infinity, n: -Double.infinity)
    for p in ring where p.count >= 2 {
      b = (min(b.w, p[0]), max(b.e, p[0]), min(b.s, p[1]), max(b.n, p[1]))
    }
    return (b.w, b.e, b.s, b.n, b.w <= b.e ? (b.e - b.w) * (b.n - b.s) : 0)
  }

  func mapSection(_ context: RenderContext) -> String {
    let frame = mapFrame()
    let w = MapFrame.width
    let h = frame.height
    let located = eventCount - unlocated
    var s = "<section class=\"mapsec\">\n<h2>Map</h2>\n" + legend(context)
    s += "<figure>\n<svg class=\"map\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" "
    s += "aria-label=\"Map of \(HTML.number(located)) located events\">\n"
    s += "<defs><clipPath id=\"sitrep-map-clip\"><rect width=\"\(Int(w))\" height=\"\(Int(h))\"/></clipPath></defs>\n"
    s += "<rect width=\"\(Int(w))\" height=\"\(Int(h))\" fill=\"\(basemap == nil ? "#f6f6f2" : "#d9e7f1")\"/>\n"
    s += "<g clip-path=\"url(#sitrep-map-clip)\">\n"
    let legend = sizeLegend(frame)
    if let basemap { s += countries(basemap, frame, avoiding: legend.box) }
    s += graticule(frame, strong: basemap == nil, avoiding: legend.box)
    s += eventCircles(frame, context)
    s += "</g>\n"
    s += legend.svg
    s += "<rect width=\"\(Int(w))\" height=\"\(Int(h))\" fill=\"none\" stroke=\"#c5ccd3\"/>\n</svg>\n"

    s += "<figcaption>"
    if located == 0 {
      s += "No event has coordinates, so the map shows only the area the events name. "
    } else {
      let places = Set(points.keys.map { [$0.lat, $0.lon] }).count
      s += "\(HTML.number(located)) event\(located == 1 ? "" : "s") with coordinates, at \(HTML.number(places)) place\(places == 1 ? "" : "s")"
      s += unlocated > 0 ? "; \(HTML.number(unlocated)) without coordinates \(unlocated == 1 ? "is" : "are") not shown. " : ". "
      s += "Circle area grows with reported fatalities; hover a circle for details. "
    }
    s += "Mercator projection, fitted to the events."
    if let basemap { s += " Base map: \(HTML.escape(basemap.source))." }
    s += "</figcaption>\n"
    if basemap == nil {
      s += "<p class=\"note\">No base map has been imported, so country outlines are not drawn. "
      s += "Run <code>sitrep basemap import FILE</code> with a Natural Earth admin-0 countries GeoJSON "
      s += "(such as <code>ne_50m_admin_0_countries.geojson</code>) and build the report again.</p>\n"
    }
    return s + "</figure>\n</section>\n"
  }

  // MARK: countries

  /// Outlines and names; no name is put over `avoid` (the size legend).
  func countries(_ basemap: Basemap, _ frame: MapFrame, avoiding avoid: Box?) -> String {
    let view = (w: MapFrame.width, h: frame.height)
    var paths = ""
    var labels = ""
    for country in basemap.countries {
      var screen: [[XY]] = []
      var d = ""
      for ring in country.rings {
        let b = Self.bbox(ring)
        guard b.w <= b.e else { continue }
        let x0 = frame.x(b.w)
        let x1 = frame.x(b.e)
        let y0 = frame.y(b.n)
        let y1 = frame.y(b.s)
        guard x1 >= -2, x0 <= view.w + 2, y1 >= -2, y0 <= view.h + 2 else { continue }
        var pts: [XY] = []
        pts.reserveCapacity(ring.count)
        for p in ring {
          let q = (x: frame.x(p[0]), y: frame.y(p[1]))
          if let last = pts.last, abs(last.x - q.x) < 0.6, abs(last.y - q.y) < 0.6 { continue }
          pts.append(q)
        }
        guard pts.count >= 3 else { continue }
        d += "M" + pts.map { "\(HTML.coord($0.x)) \(HTML.coord($0.y))" }.joined(separator: " ") + "Z"
        screen.append(pts)
      }
      guard !d.isEmpty else { continue }
      paths += "<path fill=\"#f3f0e8\" stroke=\"#a9a196\" stroke-width=\"0.7\" stroke-linejoin=\"round\" fill-rule=\"evenodd\" d=\"\(d)\"/>\n"
      if let spot = Self.labelSpot(for: country.name, rings: screen, view: view, avoiding: avoid) {
        labels += "<text x=\"\(HTML.coord(spot.x))\" y=\"\(HTML.coord(spot.y))\" dy=\"0.35em\" font-size=\"\(HTML.coord(spot.size))\" "
        labels += "text-anchor=\"middle\" fill=\"#857c70\" letter-spacing=\"0.04em\">\(HTML.escape(country.name))</text>\n"
      }
    }
    return paths + "<g class=\"country-labels\" pointer-events=\"none\">\n" + labels + "</g>\n"
  }

  /// Where a country's name fits inside its outline and the view: the
  /// candidate point farthest from any edge, with the largest size (9–15)
  /// whose box lies inside the country. Nil when the name does not fit.
  static func labelSpot(
    for name: String, rings: [[XY]], view: (w: Double, h: Double), avoiding avoid: Box? = nil
  ) -> (x: Double, y: Double, size: Double)? {
    guard !name.isEmpty else { return nil }
    // the ring with the largest visible box
    var best: (w: Double, e: Double, n: Double, s: Double)?
    var bestArea = 0.0
    for ring in rings {
      var b = (w: Double.infinity, e: -Double.infinity, n: Double.infinity, s: -Double.infinity)
      for p in ring { b = (min(b.w, p.x), max(b.e, p.x), min(b.n, p.y), max(b.s, p.y)) }
      b = (max(b.w, 4), min(b.e, view.w - 4), max(b.n, 4), min(b.s, view.h - 4))
      let area = max(0, b.e - b.w) * max(0, b.s - b.n)
      if area > bestArea {
        bestArea = area
        best = b
      }
    }
    guard let box = best, box.e - box.w >= 36, box.s - box.n >= 14 else { return nil }
    func inside(_ p: XY) -> Bool {
      guard p.x >= 2, p.x <= view.w - 2, p.y >= 2, p.y <= view.h - 2 else { return false }
      var c = false
      for r in rings {
        var j = r.count - 1
        for i in 0..<r.count {
          let a = r[i]
          let b = r[j]
          if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { c.toggle() }
          j = i
        }
      }
      return c
    }
    func clearance(_ p: XY) -> Double {
      var d2 = Double.infinity
      for r in rings {
        for i in 1..<max(1, r.count) {
          let a = r[i - 1]
          let b = r[i]
          d2 = min(d2, Simplifier.segmentDistance2([p.x, p.y], [a.x, a.y], [b.x, b.y]))
        }
      }
      return min(d2.squareRoot(), p.x, view.w - p.x, p.y, view.h - p.y)
    }
    var candidates: [(p: XY, c: Double)] = []
    let nx = 14
    let ny = 9
    for i in 0..<nx {
      for j in 0..<ny {
        let p = (x: box.w + (box.e - box.w) * (Double(i) + 0.5) / Double(nx), y: box.n + (box.s - box.n) * (Double(j) + 0.5) / Double(ny))
        guard inside(p) else { continue }
        candidates.append((p, clearance(p)))
      }
    }
    candidates.sort { $0.c > $1.c }
    let chars = Double(name.count)
    for candidate in candidates.prefix(6) {
      var size = min(15, max(9, (candidate.c * 0.8).rounded(.down)))
      while size >= 9 {
        let halfW = (size * 0.6 * chars + size * 0.04 * chars) / 2 + 2
        let halfH = size * 0.55
        let p = candidate.p
        let corners: [XY] = [
          (p.x - halfW, p.y - halfH), (p.x + halfW, p.y - halfH), (p.x - halfW, p.y + halfH), (p.x + halfW, p.y + halfH),
          (p.x, p.y - halfH), (p.x, p.y + halfH), (p.x - halfW, p.y), (p.x + halfW, p.y),
        ]
        let overlaps = avoid.map { p.x + halfW > $0.x0 && p.x - halfW < $0.x1 && p.y + halfH > $0.y0 && p.y - halfH < $0.y1 } ?? false
        if !overlaps, corners.allSatisfy(inside) { return (p.x, p.y, size) }
        size -= 1.5
      }
    }
    return nil
  }

  // MARK: graticule

  /// Meridians and parallels every 0.5° to 60° (at most about nine of each),
  /// labelled along the top and left edges, except under `avoid`.
  func graticule(_ frame: MapFrame, strong: Bool, avoiding avoid: Box?) -> String {
    let span = frame.east - frame.west
    let step = [0.5, 1, 2, 5, 10, 15, 30, 45].first { span / $0 <= 9 } ?? 60
    let w = MapFrame.width
    let h = frame.height
    var d = ""
    var labels = ""
    func degrees(_ v: Double, _ positive: String, _ negative: String) -> String {
      let a = abs(v)
      let text = a == a.rounded() ? String(Int(a)) : String(a)
      return v == 0 ? "0°" : "\(text)°\(v > 0 ? positive : negative)"
    }
    let halo = "stroke=\"\(strong ? "#f6f6f2" : "#d9e7f1")\" stroke-width=\"3\" paint-order=\"stroke\""
    var lon = (frame.west / step).rounded(.up) * step
    while lon <= frame.east {
      let xx = frame.x(lon)
      let x = HTML.coord(xx)
      d += "M\(x) 0V\(HTML.coord(h))"
      if xx > 18, xx < w - 18 { labels += "<text x=\"\(x)\" y=\"12\" text-anchor=\"middle\" font-size=\"10\" fill=\"#7b8794\" \(halo)>\(degrees(lon, "E", "W"))</text>\n" }
      lon += step
    }
    var lat = (max(frame.south, -80) / step).rounded(.up) * step
    while lat <= min(frame.north, 80) {
      let yy = frame.y(lat)
      let y = HTML.coord(yy)
      d += "M0 \(y)H\(Int(w))"
      if yy > 24, yy < h - 6, avoid.map({ yy < $0.y0 - 2 || yy > $0.y1 + 12 }) ?? true { labels += "<text x=\"5\" y=\"\(y)\" dy=\"-3\" font-size=\"10\" fill=\"#7b8794\" \(halo)>\(degrees(lat, "N", "S"))</text>\n" }
      lat += step
    }
    let color = strong ? "#b9c2ca" : "#ffffff"
    let opacity = strong ? "1" : "0.55"
    return "<path fill=\"none\" stroke=\"\(color)\" stroke-opacity=\"\(opacity)\" stroke-width=\"0.8\" d=\"\(d)\"/>\n"
      + "<g class=\"graticule-labels\" pointer-events=\"none\">\n" + labels + "</g>\n"
  }

  // MARK: events

  /// Circle radius for a fatality count: a minimum, plus a square-root scale
  /// that gives the largest count about 26 units.
  func radius(_ fatalities: Int) -> Double {
    let maxF = Double(points.values.map(\.fatalities).max() ?? 0)
    let minR = 5.0
    let k = maxF > 0 ? min(3.5, 21 / maxF.squareRoot()) : 0
    return minR + k * Double(max(0, fatalities)).squareRoot()
  }

  func eventCircles(_ frame: MapFrame, _ context: RenderContext) -> String {
    let items = points.map { (key: $0.key, point: $0.value, r: radius($0.value.fatalities)) }.sorted {
      ($0.r, $1.key.lat, $1.key.lon, $1.key.type) > ($1.r, $0.key.lat, $0.key.lon, $0.key.type)
    }
    var s = "<g class=\"events\" stroke=\"#ffffff\" stroke-width=\"1\">\n"
    for item in items {
      let p = item.point
      let x = frame.x(p.lon)
      let y = frame.y(p.lat)
      guard x >= -30, x <= MapFrame.width + 30, y >= -30, y <= frame.height + 30 else { continue }
      var tip = p.name
      if let country = context.countryName(p.country), country != p.name { tip += ", " + country }
      tip += " · \(item.key.type) · \(p.count) event\(p.count == 1 ? "" : "s"), "
      tip += p.firstDate == p.lastDate ? p.firstDate : "\(p.firstDate) to \(p.lastDate)"
      tip += " · \(p.fatalities) fatalit\(p.fatalities == 1 ? "y" : "ies")"
      let circle =
        "<circle class=\"ev\" cx=\"\(HTML.coord(x))\" cy=\"\(HTML.coord(y))\" r=\"\(HTML.coord(item.r))\" "
        + "fill=\"\(context.palette.color(item.key.type))\" fill-opacity=\"0.88\"><title>\(HTML.escape(tip))</title></circle>"
      if p.count == 1, context.listedIDs.contains(p.lastEventID) {
        s += "<a href=\"#e-\(HTML.escape(p.lastEventID))\">\(circle)</a>\n"
      } else {
        s += circle + "\n"
      }
    }
    return s + "</g>\n"
  }

  struct Box {
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double
  }

  /// Reference circles for 1, 10, 100 ... fatalities (at most three), bottom left.
  func sizeLegend(_ frame: MapFrame) -> (svg: String, box: Box?) {
    let maxF = points.values.map(\.fatalities).max() ?? 0
    guard maxF > 0 else { return ("", nil) }
    let values = [1, 10, 100, 1_000, 10_000, 100_000].filter { $0 <= maxF }.suffix(3)
    let radii = values.map { radius($0) }
    let gap = 14.0
    let width = radii.reduce(0) { $0 + 2 * $1 } + gap * Double(values.count + 1) + 6
    let maxR = radii.max() ?? 0
    let height = 2 * maxR + 40
    let x0 = 10.0
    let y0 = frame.height - 10 - height
    var s = "<g class=\"size-legend\">"
    let boxWidth = max(width, 96)
    s += "<rect x=\"\(HTML.coord(x0))\" y=\"\(HTML.coord(y0))\" width=\"\(HTML.coord(boxWidth))\" height=\"\(HTML.coord(height))\" rx=\"6\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#c5ccd3\"/>"
    s += "<text x=\"\(HTML.coord(x0 + 10))\" y=\"\(HTML.coord(y0 + 15))\" font-size=\"11\" font-weight=\"600\" fill=\"#3b4550\">Fatalities</text>"
    var x = x0 + gap
    let baseline = y0 + 22 + 2 * maxR
    for (value, r) in zip(values, radii) {
      let cx = x + r
      s += "<circle cx=\"\(HTML.coord(cx))\" cy=\"\(HTML.coord(baseline - r))\" r=\"\(HTML.coord(r))\" fill=\"#8a949e\" fill-opacity=\"0.35\" stroke=\"#5d6873\"/>"
      s += "<text x=\"\(HTML.coord(cx))\" y=\"\(HTML.coord(baseline + 13))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#3b4550\">\(HTML.number(value))</text>"
      x += 2 * r + gap
    }
    return (s + "</g>\n", Box(x0: x0, y0: y0, x1: x0 + boxWidth, y1: y0 + height))
  }
}
