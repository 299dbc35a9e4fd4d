using System;
using System.IO;
using System.Management.Automation;
using QualysCompare.Engine.Model;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>Turns engine failures into PowerShell ErrorRecords with their specific ErrorId and the input as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(QualysReportException e, object? target = null) =>
            new ErrorRecord(e, e.ErrorId, Category(e.Kind), target ?? e.Path);

        public static ErrorRecord FromIo(Exception e, string path)
        {
            switch (e)
            {
                case UnauthorizedAccessException _:
                    return new ErrorRecord(new UnauthorizedAccessException($"{path}: access is denied. {e.Message}", e), "QualysReportAccessDenied", ErrorCategory.PermissionDenied, path);
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                    return new ErrorRecord(new FileNotFoundException($"{path}: the file does not exist.", path, e), "PathNotFound", ErrorCategory.ObjectNotFound, path);
                default:
                    return new ErrorRecord(new IOException($"{path}: the file could not be read: {e.Message}", e), "QualysReportReadFailed", ErrorCategory.ReadError, path);
            }
        }

        public static bool IsIo(Exception e) => e is IOException || e is UnauthorizedAccessException;

        public static ErrorCategory Category(ReportErrorKind kind) => kind switch
        {
            ReportErrorKind.InvalidData => ErrorCategory.InvalidData,
            ReportErrorKind.InvalidResult => ErrorCategory.InvalidResult,
            ReportErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            ReportErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            ReportErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ReportErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ReportErrorKind.WriteError => ErrorCategory.WriteError,
            ReportErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            ReportErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            ReportErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            ReportErrorKind.OperationStopped => ErrorCategory.OperationStopped,
            ReportErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
