import Foundation

/// Google's polyline encoding of `[lon, lat]` rings: each coordinate is an
/// integer at a fixed number of decimals, written as the difference from the
/// previous point, zig-zagged and cut into 5-bit groups (characters 63–126).
enum Polyline {
  /// The fewest decimals (0–6) that hold every coordinate of `rings` exactly.
  static func decimals(_ rings: [[[Double]]]) -> Int {
    var decimals = 0
    var scale = 1.0
    for ring in rings {
      for point in ring {
        for v in point.prefix(2) {
          while decimals < 6, abs(v * scale - (v * scale).rounded()) > 1e-6 {
            decimals += 1
            scale *= 10
          }
        }
      }
    }
    return decimals
  }

  static func encode(_ ring: [[Double]], decimals: Int) -> String {
    let scale = pow(10, Double(decimals))
    var out: [UInt8] = []
    out.reserveCapacity(ring.count * 5)
    var previous = (0, 0)
    for point in ring where point.count >= 2 {
      let x = Int((point[0] * scale).rounded())
      let y = Int((point[1] * scale).rounded())
      append(x - previous.0, to: &out)
      append(y - previous.1, to: &out)
      previous = (x, y)
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func append(_ value: Int, to out: inout [UInt8]) {
    var v = value < 0 ? ~(value << 1) : value << 1
    while v >= 0x20 {
      out.append(UInt8((0x20 | (v & 0x1F)) + 63))
      v >>= 5
    }
    out.append(UInt8(v + 63))
  }

  /// Nil when the string is not a whole number of points.
  static func decode(_ string: String, decimals: Int) -> [[Double]]? {
    let scale = pow(10, Double(decimals))
    var numbers: [Int] = []
    var value = 0
    var shift = 0
    for byte in string.utf8 {
      guard (63...126).contains(byte), shift <= 60 else { return nil }
      let chunk = Int(byte) - 63
      value |= (chunk & 0x1F) << shift
      if chunk & 0x20 != 0 {
        shift += 5
      } else {
        numbers.append(value & 1 != 0 ? ~(value >> 1) : value >> 1)
        value = 0
        shift = 0
      }
    }
    guard shift == 0, numbers.count % 2 == 0 else { return nil }
    var ring: [[Double]] = []
    ring.reserveCapacity(numbers.count / 2)
    var x = 0
    var y = 0
    for i in stride(from: 0, to: numbers.count, by: 2) {
      x += numbers[i]
      y += numbers[i + 1]
      ring.append([Double(x) / scale, Double(y) / scale])
    }
    return ring
  }
}
