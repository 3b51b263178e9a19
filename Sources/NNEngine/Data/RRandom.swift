/// R's default random number generator, bit for bit, so data sets the course makes in
/// R come out the same here: `set.seed(s)` with `RNGkind("Mersenne-Twister")` and
/// `runif`. (R's `RNG.c`: the seed is scrambled by 50 rounds of the linear
/// congruential step `seed = 69069 seed + 1`, then fills 625 words the same way; word 0
/// is the MT position, set to 624 so that the first draw regenerates the state.)
public struct RRandom {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// `set.seed(seed)`.
    public init(seed: UInt32) {
        var s = seed
        for _ in 0..<50 { s = 69069 &* s &+ 1 }
        // word 0 is the position (R resets it to 624), words 1...624 the state
        s = 69069 &* s &+ 1
        for j in 0..<624 {
            s = 69069 &* s &+ 1
            mt[j] = s
        }
    }

    /// The next tempered 32-bit output of MT19937.
    private mutating func next() -> UInt32 {
        if position >= 624 { twist() }
        var y = mt[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// MT19937's state update: `mt[k] = mt[k + 397] ^ (y >> 1) ^ (y odd ? 0x9908b0df : 0)`,
    /// `y` the upper bit of `mt[k]` with the lower 31 bits of `mt[k + 1]` (indices mod 624).
    private mutating func twist() {
        for k in 0..<624 {
            let y = (mt[k] & 0x8000_0000) | (mt[(k + 1) % 624] & 0x7FFF_FFFF)
            mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        position = 0
    }

    /// `unif_rand()`: the output times 2^-32, kept inside the open interval (0, 1).
    public mutating func uniform() -> Double {
        let u = Double(next()) * 2.3283064365386963e-10
        let tiny = 0.5 * 2.328306437080797e-10
        if u <= 0 { return tiny }
        if 1 - u <= 0 { return 1 - tiny }
        return u
    }

    /// `runif(n, a, b)`: `a + (b - a) u` for each of `n` uniforms.
    public mutating func runif(_ n: Int, _ a: Double, _ b: Double) -> [Double] {
        (0..<n).map { _ in a + (b - a) * uniform() }
    }
}
