using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

// The engine's tests are written for .NET 10. These stand-ins give them, on .NET Framework 4.7.2,
// the handful of newer library members they call, so that the same sources compile unchanged. They
// live in the test assembly only: the engine itself is compiled for net472 without any of this.
// They sit in the namespace QualysCompare, which encloses the tests' namespaces, so the compiler finds
// them before the System.Linq and System.MemoryExtensions methods imported by the tests' usings
// (which matters for T[].Reverse(): on net472, C# 14 would otherwise bind it to the in-place
// MemoryExtensions.Reverse(Span<T>), which returns nothing).
namespace QualysCompare
{
    internal static class Net472Polyfills
    {
        public static string[] Split(this string text, string separator) => text.Split(new[] { separator }, StringSplitOptions.None);

        public static int GetHashCode(this string text, StringComparison comparison) =>
            comparison == StringComparison.Ordinal ? StringComparer.Ordinal.GetHashCode(text) : throw new NotSupportedException(comparison.ToString());

        public static IEnumerable<T> Reverse<T>(this T[] source) => Enumerable.Reverse(source);

        public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }

        public static void Write(this Stream stream, ReadOnlySpan<byte> bytes)
        {
            byte[] copy = bytes.ToArray();
            stream.Write(copy, 0, copy.Length);
        }

        public static int CommonPrefixLength<T>(this Span<T> span, ReadOnlySpan<T> other) where T : IEquatable<T>
        {
            int length = Math.Min(span.Length, other.Length);
            for (int i = 0; i < length; i++)
            {
                if (!span[i].Equals(other[i])) return i;
            }
            return length;
        }

        /// <summary>Random.NextInt64 of .NET 6: a uniform long in [minValue, maxValue).</summary>
        public static long NextInt64(this Random random, long minValue, long maxValue)
        {
            if (minValue >= maxValue) return minValue;
            ulong range = (ulong)(maxValue - minValue);
            var bytes = new byte[8];
            ulong limit = ulong.MaxValue - ulong.MaxValue % range;
            ulong value;
            do
            {
                random.NextBytes(bytes);
                value = BitConverter.ToUInt64(bytes, 0);
            }
            while (value >= limit);
            return (long)((ulong)minValue + value % range);
        }

        extension(GC)
        {
            /// <summary>
            /// Mono has no allocation counter (GC.GetAllocatedBytesForCurrentThread is .NET Core's,
            /// and Mono does not implement AppDomain.MonitoringTotalAllocatedMemorySize), so this
            /// returns 0: the tests that bound their allocations still run every other assertion on
            /// Mono, and their allocation bound is checked on .NET 10 only. docs/windows.md lists them.
            /// </summary>
            public static long GetAllocatedBytesForCurrentThread() => 0;
        }
    }
}

namespace System.Text
{
    /// <summary>
    /// .NET Framework and Mono have the Windows code pages built in (Mono through its I18N
    /// assemblies), so the provider .NET needs for them has nothing to add here.
    /// </summary>
    internal sealed class CodePagesEncodingProvider : EncodingProvider
    {
        public static CodePagesEncodingProvider Instance { get; } = new CodePagesEncodingProvider();

        public override Encoding? GetEncoding(int codepage) => null;

        public override Encoding? GetEncoding(string name) => null;
    }
}
