using System;
using System.Numerics;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// Spells a finite double as the shortest decimal that reads back as the same double, laid out as .NET Core's
    /// double.ToString("R") does: "0.1", "98.9", "1E+20", "1E-07", "-0". This is what CsvHelper's netstandard2.0 build
    /// wrote for the CSV export, on every runtime. The BCL cannot be asked instead: .NET Framework's "R" is not the
    /// shortest (and does not always round-trip), and .NET 10 up to at least 10.0.12 misspells two powers of two
    /// (2^-25 and 2^-958). The digits are found with exact integer arithmetic, which is slow next to Ryu or Dragonbox
    /// but plenty for the few doubles an export has (percentages in the summary rows).
    /// </summary>
    internal static class ShortestDouble
    {
        /// <summary>The longest spelling: "-2.2250738585072014E-308".</summary>
        public const int MaxLength = 24;

        private const int MaxSignificantDigits = 17;

        /// <summary>The decimal exponents this needs run from -340 (the last of 17 digits below 5E-324) to 308.</summary>
        private static readonly BigInteger[] PowersOfTen = CreatePowersOfTen(341);

        /// <returns>The number of ASCII bytes written to <paramref name="destination"/>, which must hold
        /// <see cref="MaxLength"/>.</returns>
        public static int Format(double value, Span<byte> destination)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers have a decimal spelling.");

            long bits = BitConverter.DoubleToInt64Bits(value);
            int length = 0;
            if (bits < 0) destination[length++] = (byte)'-';
            int biasedExponent = (int)((bits >> 52) & 0x7FF);
            long fraction = bits & 0xF_FFFF_FFFF_FFFF;
            if (biasedExponent == 0 && fraction == 0)
            {
                destination[length++] = (byte)'0';
                return length;
            }

            Digits digits = FindShortestDigits(
                significand: biasedExponent == 0 ? fraction : fraction | (1L << 52),
                binaryExponent: biasedExponent == 0 ? -1074 : biasedExponent - 1075,
                // At a power of two the next double down is half as far away as the next one up.
                narrowerBelow: fraction == 0 && biasedExponent > 1,
                estimatedDecimalExponent: (int)Math.Floor(Math.Log10(Math.Abs(value))));
            return length + Layout(digits, destination.Slice(length));
        }

        private readonly struct Digits
        {
            public Digits(ulong significand, int exponent)
            {
                Significand = significand;
                Exponent = exponent;
            }

            /// <summary>Without trailing zeros.</summary>
            public ulong Significand { get; }

            /// <summary>The value is <see cref="Significand"/> times ten to this.</summary>
            public int Exponent { get; }
        }

        /// <summary>
        /// For one, two, ... significant digits, the two decimals of that many digits either side of the value are the
        /// only candidates: the first count where one of them lies within the halfway points to the neighbouring doubles
        /// gives the answer, the nearer one if both do, the even one if they are equally near. A halfway point itself
        /// reads back as this double when its significand is even (ties round to even).
        /// </summary>
        private static Digits FindShortestDigits(long significand, int binaryExponent, bool narrowerBelow, int estimatedDecimalExponent)
        {
            // Everything is scaled by 4 so that the halfway points (half and quarter gaps) are whole numbers:
            // value = scaledValue / denominator, and likewise for the gaps to the halfway points.
            BigInteger scaledValue = 4 * significand;
            BigInteger gapAbove = 2;
            BigInteger gapBelow = narrowerBelow ? 1 : 2;
            BigInteger denominator = 4;
            if (binaryExponent >= 0)
            {
                scaledValue <<= binaryExponent;
                gapAbove <<= binaryExponent;
                gapBelow <<= binaryExponent;
            }
            else
            {
                denominator <<= -binaryExponent;
            }
            bool halfwayReadsBack = (significand & 1) == 0;

            // Log10 can be one off near powers of ten; the exact comparisons settle it.
            int decimalExponent = estimatedDecimalExponent;
            while (CompareWithPowerOfTen(scaledValue, denominator, decimalExponent) < 0) decimalExponent--;
            while (CompareWithPowerOfTen(scaledValue, denominator, decimalExponent + 1) >= 0) decimalExponent++;

            for (int count = 1; count <= MaxSignificantDigits; count++)
            {
                // In units of the last digit: value = numerator / divisor.
                int unitExponent = decimalExponent - count + 1;
                BigInteger numerator = scaledValue, divisor = denominator, above = gapAbove, below = gapBelow;
                if (unitExponent < 0)
                {
                    BigInteger scale = PowersOfTen[-unitExponent];
                    numerator *= scale;
                    above *= scale;
                    below *= scale;
                }
                else
                {
                    divisor *= PowersOfTen[unitExponent];
                }

                BigInteger lower = BigInteger.DivRem(numerator, divisor, out BigInteger remainder);
                if (remainder.IsZero) return Trimmed((ulong)lower, unitExponent);

                BigInteger distanceUp = divisor - remainder;
                bool lowerReadsBack = halfwayReadsBack ? remainder <= below : remainder < below;
                bool upperReadsBack = halfwayReadsBack ? distanceUp <= above : distanceUp < above;
                if (!lowerReadsBack && !upperReadsBack) continue;

                bool takeUpper;
                if (lowerReadsBack && upperReadsBack)
                {
                    int nearer = remainder.CompareTo(distanceUp);
                    takeUpper = nearer > 0 || (nearer == 0 && !lower.IsEven);
                }
                else
                {
                    takeUpper = upperReadsBack;
                }
                return Trimmed((ulong)lower + (takeUpper ? 1UL : 0UL), unitExponent);
            }
            throw new InvalidOperationException("Every double is told apart by 17 significant digits.");
        }

        private static int CompareWithPowerOfTen(BigInteger numerator, BigInteger denominator, int exponent) =>
            exponent >= 0
                ? numerator.CompareTo(denominator * PowersOfTen[exponent])
                : (numerator * PowersOfTen[-exponent]).CompareTo(denominator);

        private static Digits Trimmed(ulong significand, int exponent)
        {
            while (significand % 10 == 0)
            {
                significand /= 10;
                exponent++;
            }
            return new Digits(significand, exponent);
        }

        /// <summary>
        /// The BCL's layout: with the digits read as 0.d1d2...dn times ten to the point position, scientific notation
        /// ("1.5E+20", an exponent of at least two digits) when the point is more than 17 places right or more than 3
        /// places left of the first digit, plain notation otherwise.
        /// </summary>
        private static int Layout(Digits digits, Span<byte> destination)
        {
            Span<byte> text = stackalloc byte[MaxSignificantDigits + 1];
            int count = 0;
            for (ulong rest = digits.Significand; rest != 0; rest /= 10) text[count++] = (byte)('0' + (int)(rest % 10));
            text.Slice(0, count).Reverse();
            text = text.Slice(0, count);

            int pointPosition = digits.Exponent + count;
            int length = 0;
            if (pointPosition > 17 || pointPosition < -3)
            {
                destination[length++] = text[0];
                if (count > 1)
                {
                    destination[length++] = (byte)'.';
                    text.Slice(1).CopyTo(destination.Slice(length));
                    length += count - 1;
                }
                int exponent = pointPosition - 1;
                destination[length++] = (byte)'E';
                destination[length++] = exponent < 0 ? (byte)'-' : (byte)'+';
                exponent = Math.Abs(exponent);
                if (exponent >= 100) destination[length++] = (byte)('0' + exponent / 100);
                destination[length++] = (byte)('0' + exponent / 10 % 10);
                destination[length++] = (byte)('0' + exponent % 10);
            }
            else if (pointPosition <= 0)
            {
                destination[length++] = (byte)'0';
                destination[length++] = (byte)'.';
                for (int i = pointPosition; i < 0; i++) destination[length++] = (byte)'0';
                text.CopyTo(destination.Slice(length));
                length += count;
            }
            else if (pointPosition >= count)
            {
                text.CopyTo(destination);
                length = count;
                for (int i = count; i < pointPosition; i++) destination[length++] = (byte)'0';
            }
            else
            {
                text.Slice(0, pointPosition).CopyTo(destination);
                length = pointPosition;
                destination[length++] = (byte)'.';
                text.Slice(pointPosition).CopyTo(destination.Slice(length));
                length += count - pointPosition;
            }
            return length;
        }

        private static BigInteger[] CreatePowersOfTen(int count)
        {
            var powers = new BigInteger[count];
            powers[0] = BigInteger.One;
            for (int i = 1; i < count; i++) powers[i] = powers[i - 1] * 10;
            return powers;
        }
    }
}
