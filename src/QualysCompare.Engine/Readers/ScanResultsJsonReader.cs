using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Scan Results JSON (<c>json_extended</c>, qualys-formats.md §2): one array holding the report
    /// header object, the scan header object (with launch_date), one object per finding and a
    /// trailer object. Objects are parsed one at a time from a growing buffer, so memory follows
    /// the largest object, not the file.
    /// </summary>
    internal sealed class ScanResultsJsonReader : FindingReader
    {
        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            var array = new JsonObjectStream(context.Stream, context.Path);
            var record = new ScanRecord();
            var hosts = new HostTally(context);
            DateTime? launched = null;
            string? launchText = null;
            bool dateWarned = false;

            while (array.Next(record))
            {
                if (!record.HasQid)
                {
                    // The report header, the trailer and unknown objects carry no finding; the
                    // scan header carries when the scanner assessed the hosts.
                    if (record.LaunchDate != null)
                    {
                        launchText = record.LaunchDate;
                        launched = Vocabulary.ParseDate(record.LaunchDate) ?? launched;
                    }
                    if (record.Ips != null) context.SetScanTargets(record.Ips, record.ExcludedIps);
                    continue;
                }
                if (launched == null && !dateWarned)
                {
                    dateWarned = true;
                    context.Warn(ScanDate.Unknown(launchText == null
                        ? "no object before the first finding has a launch_date"
                        : $"its launch_date \"{CsvTable.Shorten(launchText)}\" is not a date"));
                }

                int? qid = Vocabulary.ParseInt(record.Qid);
                if (qid is null or <= 0)
                    throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, context.Path, record.Line,
                        string.IsNullOrWhiteSpace(record.Qid)
                            ? "a finding object has no qid."
                            : $"a finding object has the qid \"{CsvTable.Shorten(record.Qid!)}\", which is not a positive whole number.");

                var finding = new QualysFinding
                {
                    QID = qid.Value,
                    IP = Vocabulary.Clean(record.Ip),
                    DnsName = Vocabulary.Clean(record.Dns) ?? Vocabulary.Clean(record.Fqdn),
                    NetBiosName = Vocabulary.Clean(record.NetBios),
                    OperatingSystem = Vocabulary.Clean(record.Os),
                    Title = Vocabulary.Clean(record.Title),
                    Type = CsvTable.TypeOf(Vocabulary.Clean(record.Type), context.Path, record.Line),
                    Severity = Vocabulary.ParseSeverity(record.Severity),
                    Port = Vocabulary.ParseInt(record.Port),
                    Protocol = Vocabulary.Clean(record.Protocol)?.ToLowerInvariant(),
                    Ssl = Vocabulary.ParseBool(record.Ssl),
                    CveIds = Vocabulary.JoinCves(record.CveId),
                    CvssBase = Vocabulary.ParseCvss(record.CvssBase),
                    Cvss3Base = Vocabulary.ParseCvss(record.Cvss3Base),
                    Category = Vocabulary.Clean(record.Category),
                    Results = string.IsNullOrWhiteSpace(record.Results) ? null : record.Results,
                    HostLastAssessed = launched,
                };
                hosts.See(finding.IP, finding.DnsName, finding.NetBiosName);
                yield return context.Complete(finding, Vantage.Scanner);
            }
        }

        /// <summary>The values of one array element that a finding needs; the rest are skipped unread.</summary>
        internal sealed class ScanRecord : IJsonObjectRecord
        {
            private Property _pending;
            public long Line;
            public bool HasQid;
            public string? Qid, Ip, Dns, NetBios, Os, Title, Type, Severity, Port, Protocol, Fqdn, Ssl, CveId, CvssBase, Cvss3Base, Results, Category, LaunchDate, Ips, ExcludedIps;

            // Consecutive findings of one host repeat its identity; the previous object's strings
            // are reused when the bytes match, so a host's findings share them.
            public string? PreviousIp, PreviousDns, PreviousNetBios, PreviousOs;

            public void Reset(long line)
            {
                PreviousIp = Ip ?? PreviousIp;
                PreviousDns = Dns ?? PreviousDns;
                PreviousNetBios = NetBios ?? PreviousNetBios;
                PreviousOs = Os ?? PreviousOs;
                Line = line;
                HasQid = false;
                Qid = Ip = Dns = NetBios = Os = Title = Type = Severity = Port = Protocol = Fqdn = Ssl = CveId = CvssBase = Cvss3Base = Results = Category = LaunchDate = Ips = ExcludedIps = null;
            }

            public void Name(ref Utf8JsonReader reader) => _pending = PropertyOf(ref reader);

            public void Value(ref Utf8JsonReader reader)
            {
                if (_pending != Property.Other) Assign(ref reader, _pending);
            }

            /// <summary>Stores the value the reader is on under the property it belongs to.</summary>
            public void Assign(ref Utf8JsonReader reader, Property property)
            {
                switch (property)
                {
                    case Property.Qid: HasQid = true; Qid = Scalar(ref reader); break;
                    case Property.Ip: Ip = Reused(ref reader, PreviousIp); break;
                    case Property.Dns: Dns = Reused(ref reader, PreviousDns); break;
                    case Property.NetBios: NetBios = Reused(ref reader, PreviousNetBios); break;
                    case Property.Os: Os = Reused(ref reader, PreviousOs); break;
                    case Property.Title: Title = Scalar(ref reader); break;
                    case Property.Type: Type = Scalar(ref reader); break;
                    case Property.Severity: Severity = Scalar(ref reader); break;
                    case Property.Port: Port = Scalar(ref reader); break;
                    case Property.Protocol: Protocol = Scalar(ref reader); break;
                    case Property.Fqdn: Fqdn = Scalar(ref reader); break;
                    case Property.Ssl: Ssl = Scalar(ref reader); break;
                    case Property.CveId: CveId = Scalar(ref reader); break;
                    case Property.CvssBase: CvssBase = Scalar(ref reader); break;
                    case Property.Cvss3Base: Cvss3Base = Scalar(ref reader); break;
                    case Property.Results: Results = Scalar(ref reader); break;
                    case Property.Category: Category = Scalar(ref reader); break;
                    case Property.LaunchDate: LaunchDate = Scalar(ref reader); break;
                    case Property.Ips: Ips = Scalar(ref reader); break;
                    case Property.ExcludedIps: ExcludedIps = Scalar(ref reader); break;
                }
            }

            private static string? Reused(ref Utf8JsonReader reader, string? previous) =>
                previous != null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(previous) ? previous : Scalar(ref reader);

            /// <summary>Strings, numbers and booleans as text (qid is a number, severity a string);
            /// null, objects and arrays as null.</summary>
            private static string? Scalar(ref Utf8JsonReader reader)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: return reader.GetString();
                    case JsonTokenType.Number: return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    case JsonTokenType.True: return "true";
                    case JsonTokenType.False: return "false";
                    default: return null;
                }
            }
        }

        internal enum Property
        {
            Other, Qid, Ip, Dns, NetBios, Os, Title, Type, Severity, Port, Protocol, Fqdn, Ssl, CveId, CvssBase, Cvss3Base, Results, Category, LaunchDate, Ips, ExcludedIps,
        }

        internal static Property PropertyOf(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("qid"u8)) return Property.Qid;
            if (reader.ValueTextEquals("ip"u8)) return Property.Ip;
            if (reader.ValueTextEquals("dns"u8)) return Property.Dns;
            if (reader.ValueTextEquals("netbios"u8)) return Property.NetBios;
            if (reader.ValueTextEquals("os"u8)) return Property.Os;
            if (reader.ValueTextEquals("title"u8)) return Property.Title;
            if (reader.ValueTextEquals("type"u8)) return Property.Type;
            if (reader.ValueTextEquals("severity"u8)) return Property.Severity;
            if (reader.ValueTextEquals("port"u8)) return Property.Port;
            if (reader.ValueTextEquals("protocol"u8)) return Property.Protocol;
            if (reader.ValueTextEquals("fqdn"u8)) return Property.Fqdn;
            if (reader.ValueTextEquals("ssl"u8)) return Property.Ssl;
            if (reader.ValueTextEquals("cve_id"u8)) return Property.CveId;
            if (reader.ValueTextEquals("cvss_base"u8)) return Property.CvssBase;
            if (reader.ValueTextEquals("cvss3_base"u8)) return Property.Cvss3Base;
            if (reader.ValueTextEquals("results"u8)) return Property.Results;
            if (reader.ValueTextEquals("category"u8)) return Property.Category;
            if (reader.ValueTextEquals("launch_date"u8)) return Property.LaunchDate;
            if (reader.ValueTextEquals("ips"u8)) return Property.Ips;
            if (reader.ValueTextEquals("excluded_ips"u8)) return Property.ExcludedIps;
            return Property.Other;
        }
    }

    /// <summary>What <see cref="JsonObjectStream"/> fills from one object: it is told each property's
    /// name, then its value when that is a scalar (nested objects and arrays are skipped).</summary>
    internal interface IJsonObjectRecord
    {
        void Reset(long line);

        void Name(ref Utf8JsonReader reader);

        void Value(ref Utf8JsonReader reader);
    }

    /// <summary>
    /// Hands out the objects of a top-level JSON array one at a time. The bytes come in chunks;
    /// an object is parsed only once it is complete in the buffer, and the reader state carries
    /// over between chunks (the Utf8JsonReader pattern for streams).
    /// </summary>
    internal sealed class JsonObjectStream
    {
        private const int MaxObjectBytes = 64 * 1024 * 1024;

        private readonly Stream _stream;
        private readonly string _path;
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _final;
        private bool _started;
        private bool _done;
        private JsonReaderState _state;
        private long _line = 1;
        private long _bufferOffset;

        /// <param name="stream">Read from where it stands.</param>
        /// <param name="path">Named in errors.</param>
        /// <param name="origin">The stream's position in the file, so that <see cref="ObjectOffset"/> is a file position.</param>
        public JsonObjectStream(Stream stream, string path, long origin = 0)
        {
            _stream = stream;
            _path = path;
            _bufferOffset = origin;
            _state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        }

        /// <summary>Where the last object handed out starts in the file, and how many bytes it has:
        /// enough to read it again later without keeping it.</summary>
        public long ObjectOffset { get; private set; }

        public int ObjectLength { get; private set; }

        /// <summary>Fills <paramref name="record"/> from the next object of the array; false after the array ends.</summary>
        public bool Next(IJsonObjectRecord record)
        {
            while (!_done)
            {
                Step step;
                try
                {
                    step = TryStep(record);
                }
                catch (JsonException e)
                {
                    throw Classified(e);
                }
                switch (step)
                {
                    case Step.Object: return true;
                    case Step.NeedMore:
                        if (_final)
                            throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, _path, _line + CountLines(_start, _end),
                                "the JSON ends before its array is closed: the file was cut off.");
                        Fill();
                        break;
                }
            }
            return false;
        }

        private enum Step { NeedMore, Progress, Object }

        private Step TryStep(IJsonObjectRecord record)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _final, _state);
            if (!reader.Read()) return Step.NeedMore;

            if (!_started)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, _path, _line + CountLines(_start, _start + (int)reader.TokenStartIndex),
                        "the Scan Results JSON is not an array of objects.");
                _started = true;
                Consume(ref reader);
                return Step.Progress;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    Consume(ref reader);
                    _done = true;
                    return Step.Progress;
                case JsonTokenType.StartObject:
                    var element = reader;
                    if (!reader.TrySkip()) return Step.NeedMore;
                    record.Reset(_line + CountLines(_start, _start + (int)element.TokenStartIndex));
                    ObjectOffset = _bufferOffset + _start + element.TokenStartIndex;
                    ObjectLength = (int)(reader.BytesConsumed - element.TokenStartIndex);
                    ReadObject(ref element, record);
                    Consume(ref reader);
                    return Step.Object;
                default:
                    // Not an object: nothing a scan export puts here, and nothing to read.
                    if (!reader.TrySkip()) return Step.NeedMore;
                    Consume(ref reader);
                    return Step.Progress;
            }
        }

        /// <summary>Reads the properties of a complete object (the reader is on its StartObject).</summary>
        internal static void ReadObject(ref Utf8JsonReader reader, IJsonObjectRecord record)
        {
            int depth = reader.CurrentDepth;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) return;
                record.Name(ref reader);
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                {
                    // The object is complete in the buffer, so skipping cannot run short.
                    reader.TrySkip();
                    continue;
                }
                record.Value(ref reader);
            }
        }

        private void Consume(ref Utf8JsonReader reader)
        {
            int consumed = (int)reader.BytesConsumed;
            _line += CountLines(_start, _start + consumed);
            _start += consumed;
            _state = reader.CurrentState;
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _bufferOffset += _start;
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                // One object is larger than the buffer: grow it, within reason.
                if (_buffer.Length >= MaxObjectBytes)
                    throw new QualysReportException(ErrorIds.FieldTooLarge, ReportErrorKind.InvalidData, _path, _line,
                        $"one JSON object is larger than {MaxObjectBytes / (1024 * 1024)} MB; no Scan Results finding is that large, so the file is damaged.");
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            // Fill the buffer, not just one read's worth: an incomplete object is parsed again from
            // its start after every fill, so small fills of a large object cost its size squared.
            while (_end < _buffer.Length)
            {
                int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _final = true;
                    break;
                }
                _end += read;
            }
        }

        /// <summary>
        /// A file cut off mid-download fails where its bytes run out; damage inside the file
        /// fails on an earlier line. JsonReaderState carries the line count across chunks, so the
        /// exception's line is the line in the file (0-based).
        /// </summary>
        private QualysReportException Classified(JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1;
            string message = e.Message;
            int position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (position > 0) message = message.Substring(0, position);
            long lastLine = _line + CountLines(_start, _end);
            return _final && line >= lastLine - 1
                ? new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, _path, line,
                    $"the JSON ends before its objects are closed: the file was cut off. ({message})", e)
                : new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, _path, line,
                    $"the JSON is malformed: {message}", e);
        }

        private int CountLines(int from, int to)
        {
            int lines = 0;
            for (int i = from; i < to; i++)
                if (_buffer[i] == (byte)'\n') lines++;
            return lines;
        }
    }
}
