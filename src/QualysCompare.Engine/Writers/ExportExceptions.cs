using System;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// The ErrorIds of failures to write an export file. Kept beside the writers so the reader-side
    /// <see cref="ErrorIds"/> list stays theirs; like those, each names one condition and is never reused.
    /// </summary>
    public static class ExportErrorIds
    {
        public const string TargetExists = "CoverageGapFileExists";
        public const string FolderNotFound = "CoverageGapFolderNotFound";
        public const string TargetReadOnly = "CoverageGapFileReadOnly";
        public const string WriteFailed = "CoverageGapWriteFailed";
        public const string AccessDenied = "CoverageGapAccessDenied";
        public const string ExtensionUnsupported = "CoverageGapExtensionUnsupported";
        public const string HistoryUnreadable = "CoverageGapHistoryUnreadable";
    }

    /// <summary>The target's extension names a format the export does not write, and no -Format was given.</summary>
    public sealed class ExportExtensionException : QualysReportException
    {
        public ExportExtensionException(string path, string extension)
            : base(ExportErrorIds.ExtensionUnsupported, ReportErrorKind.InvalidArgument, path, 0, Explain(extension))
        {
            Extension = extension;
        }

        public string Extension { get; }

        private static string Explain(string extension)
        {
            bool excel = string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".xls", StringComparison.OrdinalIgnoreCase)
                || string.Equals(extension, ".xlsm", StringComparison.OrdinalIgnoreCase);
            return excel
                ? $"Export-CoverageGap does not write Excel workbooks ({extension}); pipe the rows to Export-Excel (the ImportExcel module) instead, or use a .csv, .json or .html path. Nothing was written."
                : $"Export-CoverageGap writes .csv, .json and .html files, not {extension}; use one of those extensions, or give -Format Csv, Json or Html to write that format under this name. Nothing was written.";
        }
    }

    /// <summary>-NoClobber and the target file already exists; nothing was written.</summary>
    public sealed class ExportTargetExistsException : QualysReportException
    {
        public ExportTargetExistsException(string path)
            : base(ExportErrorIds.TargetExists, ReportErrorKind.ResourceExists, path, 0,
                "the file already exists and NoClobber was given; nothing was written.")
        {
        }
    }

    /// <summary>The folder the target should go in does not exist; the writer never creates folders,
    /// as Export-Csv does not, so a typo in a path cannot scatter files.</summary>
    public sealed class ExportFolderNotFoundException : QualysReportException
    {
        public ExportFolderNotFoundException(string path, string folder)
            : base(ExportErrorIds.FolderNotFound, ReportErrorKind.ObjectNotFound, path, 0,
                $"the folder '{folder}' does not exist; nothing was written.")
        {
            Folder = folder;
        }

        public string Folder { get; }
    }

    /// <summary>The target is read-only and Force was not given; the file is unchanged.</summary>
    public sealed class ExportTargetReadOnlyException : QualysReportException
    {
        public ExportTargetReadOnlyException(string path)
            : base(ExportErrorIds.TargetReadOnly, ReportErrorKind.PermissionDenied, path, 0,
                "the file is read-only; use Force to overwrite it. The file is unchanged.")
        {
        }
    }

    /// <summary>Any other I/O failure while writing or replacing the target (ErrorId WriteFailed), or the system
    /// refusing access to the folder or the file (ErrorId AccessDenied); the previous file, if any, is unchanged.</summary>
    public sealed class ExportWriteFailedException : QualysReportException
    {
        public ExportWriteFailedException(string path, Exception inner)
            : base(inner is UnauthorizedAccessException ? ExportErrorIds.AccessDenied : ExportErrorIds.WriteFailed,
                inner is UnauthorizedAccessException ? ReportErrorKind.PermissionDenied : ReportErrorKind.WriteError, path, 0,
                $"the file could not be written: {inner.Message} The previous file, if any, is unchanged.", inner)
        {
        }
    }

    /// <summary>The -HistoryPath file exists and cannot be read as a run history; neither it nor the export was written.</summary>
    public sealed class CoverageHistoryUnreadableException : QualysReportException
    {
        public CoverageHistoryUnreadableException(string path, long line, string message, Exception? inner = null)
            : base(ExportErrorIds.HistoryUnreadable, ReportErrorKind.InvalidData, path, line,
                message + " Nothing was written: move the file aside to start a new history, or repair it.", inner)
        {
        }
    }
}
