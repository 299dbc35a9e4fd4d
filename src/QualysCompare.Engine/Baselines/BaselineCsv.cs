using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>A CSV gap export as a baseline: the header decides whether it is one, then each row's key.</summary>
    internal static class BaselineCsv
    {
        private const int IdentityColumns = 6;
        private static readonly byte[] True = System.Text.Encoding.ASCII.GetBytes("True");

        public static void ReadKeys(Baseline baseline, Stream stream, CancellationToken cancellationToken)
        {
            var records = new ExportCsvRecords(stream);
            string[] header;
            try
            {
                if (!records.Next()) throw Baseline.NotExport(baseline.Path, "the file is empty");
                header = Enumerable.Range(0, records.FieldCount).Select(records.Text).Select(name => name ?? string.Empty).ToArray();
            }
            catch (InvalidDataException)
            {
                throw Baseline.NotExport(baseline.Path, "its first line is not a CSV header");
            }
            foreach (var name in BaselineValues.Required)
                if (Array.IndexOf(header, name) < 0) throw Baseline.NotExport(baseline.Path, $"it has no {name} column");
            baseline.CsvHeader = header;

            var column = BaselineValues.KeyColumns.Select(name => Array.IndexOf(header, name)).ToArray();
            var previous = new byte[]?[IdentityColumns];
            var presence = new Cached<Presence>(records, column[7]);
            var action = new Cached<GapAction>(records, column[8]);
            var change = new Cached<GapChange>(records, column[10]);
            var dates = Enumerable.Range(11, 4).Select(k => new Cached<DateTime?>(records, column[k])).ToArray();
            var row = new BaselineRow();
            long count = 0;
            try
            {
                while (records.Next())
                {
                    if ((++count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                    if (records.FieldCount == 1 && records.Text(0) == null) continue;
                    row.MachineChanged = false;
                    for (int i = 0; i < IdentityColumns; i++)
                    {
                        if (records.SameBytes(column[i], previous[i])) continue;
                        row.MachineChanged = true;
                        previous[i] = records.Bytes(column[i]);
                        string? text = BaselineValues.Unneutralised(records.Text(column[i]));
                        switch (i)
                        {
                            case 0: row.HostName = text; break;
                            case 1: row.DnsName = text; break;
                            case 2: row.NetBiosName = text; break;
                            case 3: row.ScannerIP = text; break;
                            case 4: row.AgentIP = text; break;
                            default: row.AgentHostId = text; break;
                        }
                    }
                    row.Qid = records.Int(column[6]) is int qid && qid > 0
                        ? qid
                        : throw Baseline.Unreadable(baseline.Path, records.Line, $"the QID \"{records.Text(column[6])}\" is not a positive whole number.");
                    row.Presence = presence.Get(EnumOf<Presence>, baseline.Path, required: true);
                    row.Action = action.Get(EnumOf<GapAction>, baseline.Path, required: false);
                    row.Change = change.Get(EnumOf<GapChange>, baseline.Path, required: false);
                    row.Accepted = column[9] >= 0 && records.Equals(column[9], True);
                    row.FirstSeen = dates[0].Get(DateOf, baseline.Path, required: false);
                    row.DataDate = dates[1].Get(DateOf, baseline.Path, required: false);
                    row.ScannerLastScanned = dates[2].Get(DateOf, baseline.Path, required: false);
                    row.AgentLastAssessed = dates[3].Get(DateOf, baseline.Path, required: false);
                    baseline.Add(row, records.RecordOffset, records.RecordLength);
                }
            }
            catch (InvalidDataException e)
            {
                throw Baseline.Unreadable(baseline.Path, records.Line, e.Message);
            }
        }

        /// <summary>One row again, from its bytes.</summary>
        public static VantageComparison Row(Baseline baseline, byte[] bytes, int length)
        {
            var records = new ExportCsvRecords(bytes, length);
            records.Next();
            var header = baseline.CsvHeader;
            var fields = new List<KeyValuePair<string, string?>>(header.Length);
            for (int i = 0; i < header.Length && i < records.FieldCount; i++)
                fields.Add(new KeyValuePair<string, string?>(header[i], records.Text(i)));
            return BaselineValues.Row(fields);
        }

        private static bool EnumOf<TEnum>(string text, out TEnum value) where TEnum : struct => BaselineValues.TryEnum(text, out value);

        private static bool DateOf(string text, out DateTime? value)
        {
            value = BaselineValues.Date(text);
            return value != null;
        }

        private delegate bool Parse<T>(string text, out T value);

        /// <summary>A column's last value by its bytes: Presence, Action and the dates repeat down a file.</summary>
        private sealed class Cached<T>
        {
            private readonly ExportCsvRecords _records;
            private readonly int _column;
            private byte[]? _bytes;
            private T _value = default!;
            private bool _known;

            public Cached(ExportCsvRecords records, int column)
            {
                _records = records;
                _column = column;
            }

            public T Get(Parse<T> parse, string path, bool required)
            {
                if (_column < 0) return default!;
                if (_known && _records.SameBytes(_column, _bytes)) return _value;
                string? text = _records.Text(_column);
                T value = default!;
                if (text != null && !parse(text, out value))
                    throw Baseline.Unreadable(path, _records.Line, $"\"{Short(text)}\" is not a value of its column.");
                if (text == null && required) throw Baseline.Unreadable(path, _records.Line, "a gap row has no Presence.");
                _bytes = _records.Bytes(_column);
                _value = value;
                _known = true;
                return value;
            }

            private static string Short(string text) => text.Length > 40 ? text.Substring(0, 40) + "…" : text;
        }
    }
}
