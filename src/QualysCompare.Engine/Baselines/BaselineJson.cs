using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>A JSON gap export as a baseline: an array of flat objects, read one object at a time.</summary>
    internal static class BaselineJson
    {
        public static void ReadKeys(Baseline baseline, Stream stream, long origin, CancellationToken cancellationToken)
        {
            var array = new JsonObjectStream(stream, baseline.Path, origin);
            var record = new KeyRecord();
            bool first = true;
            long count = 0;
            try
            {
                while (array.Next(record))
                {
                    if ((++count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                    if (first)
                    {
                        foreach (var name in BaselineValues.Required)
                            if (!record.Seen.Contains(name)) throw Baseline.NotExport(baseline.Path, $"its first object has no {name} property");
                        first = false;
                    }
                    var row = record.Row;
                    row.Qid = BaselineValues.Int(record.Text[6]) is int qid && qid > 0
                        ? qid
                        : throw Baseline.Unreadable(baseline.Path, record.Line, $"the QID \"{record.Text[6]}\" is not a positive whole number.");
                    row.Presence = Enum<Presence>(record, 7, baseline.Path, required: true);
                    row.Action = Enum<GapAction>(record, 8, baseline.Path, required: false);
                    row.Accepted = BaselineValues.Bool(record.Text[9]);
                    row.Change = Enum<GapChange>(record, 10, baseline.Path, required: false);
                    row.FirstSeen = BaselineValues.Date(record.Text[11]);
                    row.DataDate = BaselineValues.Date(record.Text[12]);
                    row.ScannerLastScanned = BaselineValues.Date(record.Text[13]);
                    row.AgentLastAssessed = BaselineValues.Date(record.Text[14]);
                    baseline.Add(row, array.ObjectOffset, array.ObjectLength);
                }
            }
            catch (QualysReportException e) when (e.ErrorId != ErrorIds.BaselineUnreadable && e.ErrorId != ErrorIds.BaselineNotExport)
            {
                throw Baseline.Unreadable(baseline.Path, e.LineNumber, WithoutPlace(e, baseline.Path));
            }
        }

        /// <summary>One object again, from its bytes.</summary>
        public static VantageComparison Row(byte[] bytes, int length)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes, 0, length), isFinalBlock: true, default);
            reader.Read();
            var record = new AllRecord();
            JsonObjectStream.ReadObject(ref reader, record);
            return BaselineValues.Row(record.Fields);
        }

        private static TEnum Enum<TEnum>(KeyRecord record, int column, string path, bool required) where TEnum : struct
        {
            string? text = record.Text[column];
            if (text == null)
                return required ? throw Baseline.Unreadable(path, record.Line, $"a gap object has no {BaselineValues.KeyColumns[column]}.") : default;
            return BaselineValues.TryEnum(text, out TEnum value)
                ? value
                : throw Baseline.Unreadable(path, record.Line, $"\"{text}\" is not a {BaselineValues.KeyColumns[column]}.");
        }

        private static string WithoutPlace(QualysReportException e, string path)
        {
            string place = e.LineNumber > 0 ? $"{path}, line {e.LineNumber}: " : $"{path}: ";
            return e.Message.StartsWith(place, StringComparison.Ordinal) ? e.Message.Substring(place.Length) : e.Message;
        }

        /// <summary>A scalar as text: strings as they are, numbers and booleans as written, null as null.</summary>
        private static string? Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
            JsonTokenType.True => "True",
            JsonTokenType.False => "False",
            _ => null,
        };

        /// <summary>The key columns of one object. Identity strings are reused while they repeat, so
        /// the rows of one machine resolve it once.</summary>
        private sealed class KeyRecord : IJsonObjectRecord
        {
            public readonly string?[] Text = new string?[BaselineValues.KeyColumns.Length];
            public readonly HashSet<string> Seen = new HashSet<string>(StringComparer.Ordinal);
            public readonly BaselineRow Row = new BaselineRow();
            public long Line;
            private int _pending = -1;
            private bool _collectNames = true;

            public void Reset(long line)
            {
                if (Seen.Count > 0) _collectNames = false;
                Line = line;
                Row.MachineChanged = false;
                // Identity columns keep the previous object's value, to be compared with this one's.
                for (int i = 6; i < Text.Length; i++) Text[i] = null;
            }

            public void Name(ref Utf8JsonReader reader)
            {
                _pending = -1;
                var names = BaselineValues.KeyColumns;
                for (int i = 0; i < names.Length; i++)
                    if (reader.ValueTextEquals(names[i]))
                    {
                        _pending = i;
                        break;
                    }
                if (_collectNames) Seen.Add(reader.GetString()!);
            }

            public void Value(ref Utf8JsonReader reader)
            {
                if (_pending < 0) return;
                if (_pending >= 6)
                {
                    Text[_pending] = Scalar(ref reader);
                    return;
                }
                string? previous = Text[_pending];
                if (previous != null ? reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(previous) : reader.TokenType == JsonTokenType.Null) return;
                string? text = Scalar(ref reader);
                Text[_pending] = text;
                Row.MachineChanged = true;
                switch (_pending)
                {
                    case 0: Row.HostName = text; break;
                    case 1: Row.DnsName = text; break;
                    case 2: Row.NetBiosName = text; break;
                    case 3: Row.ScannerIP = text; break;
                    case 4: Row.AgentIP = text; break;
                    default: Row.AgentHostId = text; break;
                }
            }
        }

        private sealed class AllRecord : IJsonObjectRecord
        {
            public readonly List<KeyValuePair<string, string?>> Fields = new List<KeyValuePair<string, string?>>();
            private string _name = string.Empty;

            public void Reset(long line)
            {
            }

            public void Name(ref Utf8JsonReader reader) => _name = reader.GetString() ?? string.Empty;

            public void Value(ref Utf8JsonReader reader) => Fields.Add(new KeyValuePair<string, string?>(_name, Scalar(ref reader)));
        }
    }
}
