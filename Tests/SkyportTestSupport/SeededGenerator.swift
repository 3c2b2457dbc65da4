import SkyportDomain

/// The property tests' seeded generator: the domain's SplitMix64.
public typealias SeededGenerator = SeededRandom
