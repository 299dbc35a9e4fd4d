using System.Collections.Generic;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Hashes 64-bit keys made of two 32-bit halves (host index, QID). long.GetHashCode XORs the
    /// halves, so host 5 with QID 9 and host 9 with QID 5 collide, and on a large estate most keys
    /// land in a few hundred thousand buckets; multiplying by the golden-ratio constant spreads them.
    /// </summary>
    internal sealed class PackedKeyComparer : IEqualityComparer<long>
    {
        public static readonly PackedKeyComparer Instance = new PackedKeyComparer();

        private PackedKeyComparer()
        {
        }

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> 32);
    }
}
