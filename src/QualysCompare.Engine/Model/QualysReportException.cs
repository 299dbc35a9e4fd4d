using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>How the cmdlets should categorise a failure; mirrors the PowerShell ErrorCategory
    /// names the engine may not reference.</summary>
    public enum ReportErrorKind
    {
        InvalidData,
        NotSpecified,
        InvalidResult,
        ObjectNotFound,
        ResourceUnavailable,
        PermissionDenied,
        InvalidArgument,
        WriteError,
        ConnectionError,
        AuthenticationError,
        LimitsExceeded,
        OperationStopped,
        ResourceExists,
    }

    /// <summary>
    /// A failure tied to one input. ErrorId names exactly one condition (see <see cref="ErrorIds"/>);
    /// the message always names the file and, where known, the line.
    /// </summary>
    public class QualysReportException : Exception
    {
        public QualysReportException(string errorId, ReportErrorKind kind, string? path, long lineNumber, string message, Exception? inner = null)
            : base(Compose(path, lineNumber, message), inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Path = path;
            LineNumber = lineNumber;
        }

        public string ErrorId { get; }
        public ReportErrorKind Kind { get; }
        public string? Path { get; }

        /// <summary>1-based line of the problem, or 0 when it is not known.</summary>
        public long LineNumber { get; }

        private static string Compose(string? path, long line, string message)
        {
            if (string.IsNullOrEmpty(path)) return message;
            return line > 0 ? $"{path}, line {line}: {message}" : $"{path}: {message}";
        }
    }

    /// <summary>Every ErrorId the engine raises. Each names one condition and is never reused.</summary>
    public static class ErrorIds
    {
        public const string Unrecognized = "QualysReportUnrecognized";
        public const string WebApplicationScan = "QualysReportWebApplicationScan";
        public const string PciScan = "QualysReportPciScan";
        public const string ApiErrorResponse = "QualysApiErrorResponse";
        public const string NoDetections = "QualysReportWithoutDetections";
        public const string Malformed = "QualysReportMalformed";
        public const string Truncated = "QualysReportTruncated";
        public const string EncodingInvalid = "QualysReportEncodingInvalid";
        public const string EncodingUnsupported = "QualysReportEncodingUnsupported";
        public const string MissingColumn = "QualysReportMissingColumn";
        public const string DuplicateColumn = "QualysReportDuplicateColumn";
        public const string FieldTooLarge = "QualysReportFieldTooLarge";
        public const string NullCharacter = "QualysReportNullCharacter";
        public const string XmlDtdRefused = "QualysReportDtdRefused";
        public const string NestingTooDeep = "QualysReportNestingTooDeep";
        public const string EmptyFile = "QualysReportEmpty";
        public const string Compressed = "QualysReportCompressed";
        public const string Binary = "QualysReportBinary";
        public const string Schema = "QualysReportSchema";

        // Get-QualysHostDetection: the API pull.
        public const string ApiUrlNotHttps = "ApiUrlNotHttps";
        public const string ApiUrlInvalid = "ApiUrlInvalid";
        public const string ApiParameterInvalid = "QualysApiParameterInvalid";
        public const string ApiAuthenticationFailed = "QualysApiAuthenticationFailed";
        public const string ApiRateLimited = "QualysApiRateLimited";
        public const string ApiUnavailable = "QualysApiUnavailable";
        public const string ApiUnexpectedResponse = "QualysApiUnexpectedResponse";
        public const string ApiPagingFailed = "QualysApiPagingFailed";
        public const string ApiPageNotSaved = "QualysApiPageNotSaved";
        public const string ApiParameterRefused = "QualysApiParameterRefused";

        // Whole sides of a comparison: a report built on them would be wrong, so they stop the run.
        public const string SideUnreadable = "QualysSideUnreadable";
        public const string SideWithoutFindings = "QualysSideWithoutFindings";
        public const string SidesSwapped = "QualysSidesSwapped";
        public const string SameInputOnBothSides = "QualysSameInputOnBothSides";

        // The -AcceptedRisk file: a wrong exception list would hide real work, so it stops the run.
        public const string AcceptedRiskMalformed = "AcceptedRiskFileMalformed";

        // The -Baseline of Compare-QualysVantage: a wrong baseline would make every Change and age wrong.
        public const string BaselineUnreadable = "CoverageGapBaselineUnreadable";
        public const string BaselineNotExport = "CoverageGapBaselineNotExport";
        public const string BaselineNewerThanData = "CoverageGapBaselineNewerThanData";
    }
}
