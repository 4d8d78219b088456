import Foundation

/// A Mercator projection onto an SVG canvas 960 units wide, fitted to a
/// longitude/latitude box.
///
/// The box is padded (20% each side, at least 1°, and at least 4° across so one event
/// still shows its surroundings), then widened or heightened so the canvas
/// stays between 2:1 and 5:4. Latitudes are clamped to ±85°.
struct MapFrame: Sendable {
  static let width = 960.0
  static let maxLatitude = 85.0

  var height: Double
  /// Mercator x (radians) at the left edge, y at the top edge.
  var minX: Double
  var maxY: Double
  /// Canvas units per radian.
  var scale: Double

  static func mercatorY(_ lat: Double) -> Double {
    let phi = max(-maxLatitude, min(maxLatitude, lat)) * .pi / 180
    return log(tan(.pi / 4 + phi / 2))
  }

  static func latitude(mercatorY y: Double) -> Double {
    (2 * atan(exp(y)) - .pi / 2) * 180 / .pi
  }

  init(west: Double, east: Double, south: Double, north: Double) {
    var x0 = min(west, east) * .pi / 180
    var x1 = max(west, east) * .pi / 180
    var y0 = Self.mercatorY(min(south, north))
    var y1 = Self.mercatorY(max(south, north))
    let minSpan = 4 * Double.pi / 180
    func widen(_ a: inout Double, _ b: inout Double, to span: Double) {
      guard b - a < span else { return }
      let c = (a + b) / 2
      a = c - span / 2
      b = c + span / 2
    }
    widen(&x0, &x1, to: minSpan)
    widen(&y0, &y1, to: minSpan)
    let padX = max((x1 - x0) * 0.2, minSpan / 4)
    let padY = max((y1 - y0) * 0.2, minSpan / 4)
    x0 -= padX
    x1 += padX
    y0 -= padY
    y1 += padY
    let aspect = (y1 - y0) / (x1 - x0)
    let target = min(max(aspect, 0.5), 0.8)
    if aspect < target {
      widen(&y0, &y1, to: (x1 - x0) * target)
    } else {
      widen(&x0, &x1, to: (y1 - y0) / target)
    }
    let limit = Self.mercatorY(Self.maxLatitude)
    if y1 > limit {
      y0 -= y1 - limit
      y1 = limit
    }
    if y0 < -limit {
      y1 = min(limit, y1 + (-limit - y0))
      y0 = -limit
    }
    scale = Self.width / (x1 - x0)
    height = ((y1 - y0) * scale).rounded()
    minX = x0
    maxY = y1
  }

  func x(_ lon: Double) -> Double { (lon * .pi / 180 - minX) * scale }
  func y(_ lat: Double) -> Double { (maxY - Self.mercatorY(lat)) * scale }

  var west: Double { minX * 180 / .pi }
  var east: Double { (minX + Self.width / scale) * 180 / .pi }
  var north: Double { Self.latitude(mercatorY: maxY) }
  var south: Double { Self.latitude(mercatorY: maxY - height / scale) }
}
