using System;
using System.Collections.Generic;
using System.Text;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Damages a real export the ways files get damaged in the field: bit flips, cut-off downloads,
    /// hand edits (lines duplicated or deleted, quotes swapped), binary junk (NUL and control
    /// characters), and random bytes inside CDATA. Seeded, so a failure can be replayed.
    /// </summary>
    internal static class Mutator
    {
        public const int Kinds = 9;

        public static byte[] Mutate(byte[] input, Random random, out string description)
        {
            int kind = random.Next(Kinds);
            switch (kind)
            {
                case 0: return FlipBits(input, random, out description);
                case 1: return Truncate(input, random, out description);
                case 2: return DuplicateLine(input, random, out description);
                case 3: return DeleteLine(input, random, out description);
                case 4: return SwapQuotes(input, random, out description);
                case 5: return Inject(input, random, new byte[] { 0 }, "NUL", out description);
                case 6: return Inject(input, random, new[] { (byte)random.Next(1, 32) }, "control character", out description);
                case 7: return JunkInCdata(input, random, out description);
                default: return Splice(input, random, out description);
            }
        }

        private static byte[] FlipBits(byte[] input, Random random, out string description)
        {
            var output = (byte[])input.Clone();
            int flips = 1 + random.Next(8);
            var positions = new List<int>();
            for (int i = 0; i < flips && output.Length > 0; i++)
            {
                int at = random.Next(output.Length);
                output[at] ^= (byte)(1 << random.Next(8));
                positions.Add(at);
            }
            description = $"bit flips at {string.Join(",", positions)}";
            return output;
        }

        private static byte[] Truncate(byte[] input, Random random, out string description)
        {
            int length = input.Length == 0 ? 0 : random.Next(input.Length);
            description = $"truncated to {length} bytes";
            var output = new byte[length];
            Buffer.BlockCopy(input, 0, output, 0, length);
            return output;
        }

        private static List<(int Start, int Length)> Lines(byte[] input)
        {
            var lines = new List<(int, int)>();
            int start = 0;
            for (int i = 0; i < input.Length; i++)
            {
                if (input[i] == '\n')
                {
                    lines.Add((start, i - start + 1));
                    start = i + 1;
                }
            }
            if (start < input.Length) lines.Add((start, input.Length - start));
            return lines;
        }

        private static byte[] DuplicateLine(byte[] input, Random random, out string description)
        {
            var lines = Lines(input);
            if (lines.Count == 0) { description = "empty"; return input; }
            int pick = random.Next(lines.Count);
            var (start, length) = lines[pick];
            var output = new byte[input.Length + length];
            Buffer.BlockCopy(input, 0, output, 0, start + length);
            Buffer.BlockCopy(input, start, output, start + length, length);
            Buffer.BlockCopy(input, start + length, output, start + 2 * length, input.Length - start - length);
            description = $"line {pick + 1} duplicated";
            return output;
        }

        private static byte[] DeleteLine(byte[] input, Random random, out string description)
        {
            var lines = Lines(input);
            if (lines.Count == 0) { description = "empty"; return input; }
            int pick = random.Next(lines.Count);
            var (start, length) = lines[pick];
            var output = new byte[input.Length - length];
            Buffer.BlockCopy(input, 0, output, 0, start);
            Buffer.BlockCopy(input, start + length, output, start, input.Length - start - length);
            description = $"line {pick + 1} deleted";
            return output;
        }

        private static byte[] SwapQuotes(byte[] input, Random random, out string description)
        {
            var output = (byte[])input.Clone();
            int swapped = 0;
            int budget = 1 + random.Next(4);
            for (int attempt = 0; attempt < 200 && swapped < budget && output.Length > 0; attempt++)
            {
                int at = random.Next(output.Length);
                byte b = output[at];
                if (b == '"') { output[at] = (byte)'\''; swapped++; }
                else if (b == '\'') { output[at] = (byte)'"'; swapped++; }
                else if (b == '<' || b == '>' || b == ',') { output[at] = (byte)'"'; swapped++; }
            }
            description = $"{swapped} quotes swapped";
            return output;
        }

        private static byte[] Inject(byte[] input, Random random, byte[] what, string name, out string description)
        {
            int at = input.Length == 0 ? 0 : random.Next(input.Length);
            var output = new byte[input.Length + what.Length];
            Buffer.BlockCopy(input, 0, output, 0, at);
            Buffer.BlockCopy(what, 0, output, at, what.Length);
            Buffer.BlockCopy(input, at, output, at + what.Length, input.Length - at);
            description = $"{name} 0x{what[0]:X2} at {at}";
            return output;
        }

        private static byte[] JunkInCdata(byte[] input, Random random, out string description)
        {
            var text = Encoding.UTF8.GetString(input);
            var starts = new List<int>();
            for (int i = text.IndexOf("<![CDATA[", StringComparison.Ordinal); i >= 0; i = text.IndexOf("<![CDATA[", i + 1, StringComparison.Ordinal))
                starts.Add(i + 9);
            if (starts.Count == 0) return FlipBits(input, random, out description);
            int at = Encoding.UTF8.GetByteCount(text.Substring(0, starts[random.Next(starts.Count)]));
            var junk = new byte[1 + random.Next(16)];
            random.NextBytes(junk);
            var output = new byte[input.Length + junk.Length];
            Buffer.BlockCopy(input, 0, output, 0, at);
            Buffer.BlockCopy(junk, 0, output, at, junk.Length);
            Buffer.BlockCopy(input, at, output, at + junk.Length, input.Length - at);
            description = $"{junk.Length} random bytes in CDATA at {at}";
            return output;
        }

        private static byte[] Splice(byte[] input, Random random, out string description)
        {
            if (input.Length < 4) return FlipBits(input, random, out description);
            int a = random.Next(input.Length), b = random.Next(input.Length);
            int from = Math.Min(a, b), length = Math.Abs(a - b);
            int to = random.Next(input.Length - length + 1);
            var output = (byte[])input.Clone();
            Buffer.BlockCopy(input, from, output, to, Math.Min(length, output.Length - to));
            description = $"{length} bytes from {from} copied over {to}";
            return output;
        }
    }
}
