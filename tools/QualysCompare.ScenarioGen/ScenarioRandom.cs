using System;
using System.Collections.Generic;
using System.Globalization;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// SplitMix64: a seeded generator whose sequence is fixed by this code alone, so committed
    /// scenario files stay byte-identical whatever runtime regenerates them.
    /// </summary>
    public sealed class ScenarioRandom
    {
        private ulong _state;

        public ScenarioRandom(ulong seed)
        {
            _state = seed;
        }

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>An integer in [minInclusive, maxExclusive). The modulo bias is irrelevant at these ranges.</summary>
        public int Next(int minInclusive, int maxExclusive)
        {
            if (maxExclusive <= minInclusive) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
            return minInclusive + (int)(NextUInt64() % (ulong)(maxExclusive - minInclusive));
        }

        /// <summary>True with the given probability in percent.</summary>
        public bool Chance(int percent) => Next(0, 100) < percent;

        public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

        public TimeSpan NextTime(TimeSpan minInclusive, TimeSpan maxExclusive) =>
            TimeSpan.FromSeconds(Next((int)minInclusive.TotalSeconds, (int)maxExclusive.TotalSeconds));

        /// <summary>A version-4 style GUID in the lower-case form QG_HOSTID uses.</summary>
        public string NextGuid()
        {
            ulong high = NextUInt64();
            ulong low = NextUInt64();
            high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
            low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
            string hex = high.ToString("x16", CultureInfo.InvariantCulture) + low.ToString("x16", CultureInfo.InvariantCulture);
            return $"{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20, 12)}";
        }
    }
}
