import Foundation

/// Douglas–Peucker simplification of closed rings, then rounding.
///
/// Rings that shrink below a triangle are dropped, unless that would drop
/// every ring of a feature: then its largest ring is kept as it was (rounded),
/// so a small island state still shows up.
struct Simplifier {
  var tolerance: Double
  /// Points per degree after rounding: a power of ten, ten times finer than the tolerance.
  var scale: Double

  init(tolerance: Double) {
    self.tolerance = tolerance
    if tolerance > 0 {
      scale = min(1e6, max(10, pow(10, 1 - (log10(tolerance)).rounded(.down))))
    } else {
      scale = 1e6
    }
  }

  /// Divides by a power of ten, so the result prints as a short decimal.
  func round(_ v: Double) -> Double { (v * scale).rounded() / scale }

  func simplify(_ rings: [[[Double]]]) -> [[[Double]]] {
    var out: [[[Double]]] = []
    for ring in rings {
      let kept = cleaned(simplify(ring: ring))
      if kept.count >= 4 { out.append(kept) }
    }
    if out.isEmpty, let largest = rings.max(by: { bboxArea($0) < bboxArea($1) }) {
      let kept = cleaned(largest)
      if kept.count >= 4 { out.append(kept) }
    }
    return out
  }

  /// Rounds, drops repeated points, and closes the ring.
  func cleaned(_ ring: [[Double]]) -> [[Double]] {
    var out: [[Double]] = []
    out.reserveCapacity(ring.count)
    for p in ring {
      let q = [round(p[0]), round(p[1])]
      if let last = out.last, last == q { continue }
      out.append(q)
    }
    if out.count > 1, out.first != out.last, let first = out.first { out.append(first) }
    return out
  }

  func bboxArea(_ ring: [[Double]]) -> Double {
    guard let first = ring.first else { return 0 }
    var (x0, x1, y0, y1) = (first[0], first[0], first[1], first[1])
    for p in ring {
      x0 = min(x0, p[0])
      x1 = max(x1, p[0])
      y0 = min(y0, p[1])
      y1 = max(y1, p[1])
    }
    return (x1 - x0) * (y1 - y0)
  }

  func simplify(ring: [[Double]]) -> [[Double]] {
    let n = ring.count
    guard tolerance > 0, n > 4 else { return ring }
    var keep = [Bool](repeating: false, count: n)
    keep[0] = true
    keep[n - 1] = true
    let tol2 = tolerance * tolerance
    var stack = [(0, n - 1)]
    while let (a, b) = stack.popLast() {
      guard b > a + 1 else { continue }
      var worst = -1.0
      var index = a
      for i in (a + 1)..<b {
        let d = Self.segmentDistance2(ring[i], ring[a], ring[b])
        if d > worst {
          worst = d
          index = i
        }
      }
      if worst > tol2 {
        keep[index] = true
        stack.append((a, index))
        stack.append((index, b))
      }
    }
    var out: [[Double]] = []
    for i in 0..<n where keep[i] { out.append(ring[i]) }
    return out
  }

  /// Squared distance from `p` to the segment `a`–`b` (to `a` when they coincide).
  static func segmentDistance2(_ p: [Double], _ a: [Double], _ b: [Double]) -> Double {
    let dx = b[0] - a[0]
    let dy = b[1] - a[1]
    let len2 = dx * dx + dy * dy
    var t = 0.0
    if len2 > 0 { t = max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) }
    let x = a[0] + t * dx - p[0]
    let y = a[1] + t * dy - p[1]
    return x * x + y * y
  }
}
