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
}
