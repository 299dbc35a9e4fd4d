using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Xml;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>Everything one reader needs for one file, and the place every finding is finished.</summary>
    internal sealed class ReportReadContext
    {
        private readonly ImportOptions _options;

        public ReportReadContext(string path, ReportStream stream, SniffResult sniff, ImportOptions options)
        {
            Path = path;
            Stream = stream;
            Sniff = sniff;
            _options = options;
        }

        public string Path { get; }
        public ReportStream Stream { get; }
        public SniffResult Sniff { get; }
        public ReportFormat Format => Sniff.Format;
        public CancellationToken CancellationToken => _options.CancellationToken;
        public int HostCount { get; private set; }
        public long FindingCount { get; private set; }

        /// <summary>Findings the file itself marks as the Cloud Agent's (a TRACKING_METHOD, a
        /// detection source), whatever vantage the caller stamped on them.</summary>
        public long MarkedAgentCount { get; private set; }

        /// <summary>The scan's target list and exclusions as its header states them; stamped on every finding.</summary>
        public void SetScanTargets(string? included, string? excluded)
        {
            _scanTargets = Decoding.Vocabulary.Clean(included);
            _scanExcludedTargets = _scanTargets == null ? null : Decoding.Vocabulary.Clean(excluded);
        }

        private string? _scanTargets;
        private string? _scanExcludedTargets;

        public void CountHost() => HostCount++;

        /// <summary>Whether the caller wants the Results text of a finding with this QID and title.</summary>
        public bool WantsResults(int qid, string? title) => _options.NeedsResults?.Invoke(qid, title) ?? true;

        /// <summary>Whether the caller set the vantage (-Vantage), so a guessed one would not be used.</summary>
        public bool VantageChosen => _options.Vantage != VantageSelection.Auto;

        public void Warn(string message) => _options.Output.WriteWarning($"{Path}: {message}");

        /// <summary>Stamps the vantage (the caller's -Vantage wins over what the file says), the
        /// source, and the best host name, then counts the finding.</summary>
        public QualysFinding Complete(QualysFinding finding, Vantage inferred)
        {
            finding.Vantage = _options.Vantage switch
            {
                VantageSelection.Scanner => Vantage.Scanner,
                VantageSelection.Agent => Vantage.Agent,
                _ => inferred,
            };
            if (inferred == Vantage.Agent) MarkedAgentCount++;
            finding.SourceFile = Path;
            finding.ScanTargets = _scanTargets;
            finding.ScanExcludedTargets = _scanExcludedTargets;
            finding.SourceFormat = Sniff.Format;
            finding.HostName ??= Vocabulary.BestHostName(finding.DnsName, finding.NetBiosName, finding.IP);
            FindingCount++;
            if ((FindingCount & 0xFF) == 0) CancellationToken.ThrowIfCancellationRequested();
            return finding;
        }

        /// <summary>
        /// The largest CSV record read. Like <see cref="XmlWalker.MaxTextLength"/> for XML, far above
        /// any real finding (whose Results tables are the largest values), and low enough that a
        /// damaged or hostile file is refused before it exhausts memory. CsvHelper checks it when it
        /// needs more input, so records between this and twice this may still be read.
        /// </summary>
        public const int MaxCsvRecordBytes = 16 * 1024 * 1024;

        public TextReader OpenText() =>
            new StreamReader(Stream, new UTF8Encoding(false), false, Stream.SourceLength > 0 ? (int)Math.Min(64 * 1024, Stream.SourceLength * 3 + 16) : 64 * 1024);

        public XmlReader OpenXml() => XmlReader.Create(new XmlMarkupLimit(OpenText(), Path, names: XmlElementNames.Of(Format)), XmlSafety.ReaderSettings());

        /// <summary>A CSV reader over the whole file, header row included: the layout readers find
        /// the table header themselves, after the metadata blocks.</summary>
        public CsvReader OpenCsv(Action<CsvMalformedRecord>? onMalformed = null)
        {
            var options = new CsvReaderOptions
            {
                HasHeader = false,
                SkipEmptyLines = true,
                TrackLineNumbers = true,
                MaxRecordSize = MaxCsvRecordBytes,
                OnMalformedRecord = onMalformed ?? ThrowOnUnterminatedQuote,
            };
            return CsvReader.Create(Stream, options, false);
        }

        private void ThrowOnUnterminatedQuote(CsvMalformedRecord record)
        {
            if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, Path, record.LineNumber,
                    "the file ends inside a quoted field: it was cut off (an interrupted download?) and its last record is incomplete.");
        }
    }
}
