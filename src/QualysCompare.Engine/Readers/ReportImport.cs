using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// One file being imported: what it was detected as, how far reading has got, and the findings,
    /// read lazily so the first one is available before a large file has been read.
    /// </summary>
    public sealed class ReportImport : IDisposable
    {
        private readonly ReportStream _stream;
        private readonly ReportReadContext _context;
        private readonly FindingReader _reader;

        private ReportImport(ReportStream stream, ReportReadContext context, FindingReader reader)
        {
            _stream = stream;
            _context = context;
            _reader = reader;
        }

        public string Path => _context.Path;
        public ReportFormat Format => _context.Format;
        public ReportEncoding Encoding => _stream.Encoding;
        public string EncodingName => ReportStream.Describe(_stream.Encoding);
        public long TotalBytes => _stream.SourceLength;
        public long BytesRead => _stream.SourcePosition;
        public int HostCount => _context.HostCount;
        public long FindingCount => _context.FindingCount;

        /// <summary>Findings the file marks as the Cloud Agent's; the rest it marks, or leaves, as the scanner's.</summary>
        public long MarkedAgentCount => _context.MarkedAgentCount;

        /// <summary>Detects the format and opens the file. Files that hold no detections (or are
        /// not Qualys VM reports at all) are refused here with their own ErrorId.</summary>
        public static ReportImport Open(string path, ImportOptions? options = null)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            try
            {
                return Open(file, path, options, leaveOpen: false);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>Imports from a seekable stream (an API page held in memory, a fuzzed input);
        /// <paramref name="displayName"/> names it in findings and messages. The stream stays open.</summary>
        public static ReportImport Open(Stream seekable, string displayName, ImportOptions? options = null) =>
            Open(seekable, displayName, options, leaveOpen: true);

        private static ReportImport Open(Stream source, string path, ImportOptions? options, bool leaveOpen)
        {
            if (!source.CanSeek) throw new ArgumentException("The stream must be seekable: the format is read from its first bytes, then it is read again.", nameof(source));
            options ??= new ImportOptions();
            long start = source.Position;
            SniffResult sniff;
            // No Qualys export holds a NUL character; in a CSV it would otherwise pass into the findings.
            using (var head = ReportStream.Open(source, path, rejectNul: true, leaveOpen: true, options.CancellationToken))
            {
                sniff = ReportSniffer.Sniff(head, path);
            }
            source.Position = start;
            var stream = ReportStream.Open(source, path, rejectNul: true, leaveOpen: leaveOpen, options.CancellationToken);
            try
            {
                var reader = ReaderFor(sniff, path, stream);
                var context = new ReportReadContext(path, stream, sniff, options);
                return new ReportImport(stream, context, reader);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        private static FindingReader ReaderFor(SniffResult sniff, string path, ReportStream stream)
        {
            switch (sniff.Format)
            {
                case ReportFormat.ScanXml: return new ScanXmlReader();
                case ReportFormat.AssetDataReportXml: return new AssetDataReportReader();
                case ReportFormat.HostDetectionXml: return new HostDetectionReader();
                case ReportFormat.ScanResultsCsv: return new ScanResultsCsvReader();
                case ReportFormat.ScanResultsJson: return new ScanResultsJsonReader();
                case ReportFormat.HostFindingsCsv: return new HostFindingsCsvReader();
                case ReportFormat.VmdrCsv: return new VmdrCsvReader();
                case ReportFormat.ApiErrorXml:
                    throw ApiErrorReader.Read(new XmlMarkupLimit(new StreamReader(stream), path, names: XmlElementNames.ApiError), path).NotAReport(path);
                case ReportFormat.KnowledgeBaseXml:
                    throw new QualysReportException(ErrorIds.NoDetections, ReportErrorKind.InvalidArgument, path, 0,
                        "this is a Qualys KnowledgeBase (QID catalogue), not a report of detections. Pass it to Import-QualysKnowledgeBase, or to Compare-QualysVantage -KnowledgeBase.");
                case ReportFormat.HostAssetXml:
                    throw new QualysReportException(ErrorIds.NoDetections, ReportErrorKind.InvalidArgument, path, 0,
                        "this is a Qualys Asset Management HostAsset response: it describes assets and agents but holds no detections.");
                case ReportFormat.WebApplicationScan:
                    throw new QualysReportException(ErrorIds.WebApplicationScan, ReportErrorKind.InvalidData, path, 0,
                        $"this is a Qualys Web Application Scanning report (<{sniff.Marker}>). QualysCompare compares VM detections from scanner appliances and Cloud Agents; WAS findings have no host vantage point.");
                case ReportFormat.PciScanCsv:
                    throw new QualysReportException(ErrorIds.PciScan, ReportErrorKind.InvalidData, path, sniff.HeaderLine,
                        "this is a PCI / HackerGuardian compliance scan CSV (header IP, HOSTNAME, LAST SCAN, QID, VULN TITLE). It comes from an external ASV scan, not from a scanner appliance or Cloud Agent, so it cannot be compared.");
                default:
                    throw new QualysReportException(ErrorIds.Unrecognized, ReportErrorKind.InvalidData, path, 0,
                        sniff.Marker != null && sniff.Marker != "JSON"
                            ? $"this is not a Qualys VM report: the root element <{sniff.Marker}> is not one QualysCompare reads."
                            : "this is not a Qualys VM report: no Qualys XML root element, Scan Results JSON, or known CSV header row was found.");
            }
        }

        /// <summary>
        /// Streams the findings. Parser failures surface as <see cref="QualysReportException"/>
        /// with the file and line; findings already returned stay valid.
        /// </summary>
        public IEnumerable<QualysFinding> ReadFindings()
        {
            using var enumerator = _reader.Read(_context).GetEnumerator();
            while (true)
            {
                QualysFinding current;
                try
                {
                    if (!enumerator.MoveNext()) yield break;
                    current = enumerator.Current;
                }
                catch (XmlException e)
                {
                    throw Translate(e);
                }
                catch (CsvHelper.CsvFormatException e) when (_stream.Position - e.ByteOffset > ReportReadContext.MaxCsvRecordBytes)
                {
                    // CsvHelper's MaxRecordSize guard: it has no exception type of its own, but it is
                    // the only failure that comes after that many bytes of one record.
                    throw new QualysReportException(ErrorIds.FieldTooLarge, ReportErrorKind.InvalidData, Path, e.LineNumber,
                        $"a record is larger than {ReportReadContext.MaxCsvRecordBytes / (1024 * 1024)} MB; no Qualys finding is that large, so the file is damaged (or a quote is never closed).", e);
                }
                catch (CsvHelper.CsvFormatException e)
                {
                    throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, Path, e.LineNumber, $"the CSV is malformed: {e.Message}", e);
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new QualysReportException(_stream.AtEnd ? ErrorIds.Truncated : ErrorIds.Malformed,
                        ReportErrorKind.InvalidData, Path, (e.LineNumber ?? -1) + 1, $"the JSON is malformed: {e.Message}", e);
                }
                yield return current;
            }
        }

        private QualysReportException Translate(XmlException e)
        {
            // XmlReader has no code for "ended too early". A failure once the whole file has been
            // read, in a file that does not end with its root's end tag, is a cut-off download;
            // anything else is damage inside the file (small files are read whole at once, so
            // where the failure is says nothing about which it is).
            bool cutOff = _stream.AtEnd && !(_context.Sniff.Marker is string root && _stream.EndsWithEndTag(root));
            return cutOff
                ? new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, Path, e.LineNumber,
                    $"the XML ends before its elements are closed: the file was cut off. ({e.Message})", e)
                : new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, Path, e.LineNumber,
                    $"the XML is malformed: {e.Message}", e);
        }

        public void Dispose() => _stream.Dispose();
    }

    internal abstract class FindingReader
    {
        public abstract IEnumerable<QualysFinding> Read(ReportReadContext context);
    }
}
