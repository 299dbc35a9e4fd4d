using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>What Compare-QualysVantage's -Scanner, -Agent and -KnowledgeBase may be given:
    /// objects, paths with wildcards, or FileInfo, sorted into objects and resolved file paths.</summary>
    internal static class CompareInputs
    {
        /// <summary>-Scanner and -Agent take findings, paths (wildcards allowed) or files; what a
        /// parameter names is that side, whatever the file or the object says. Returns the side's
        /// findings and resolved file paths, in the order given.</summary>
        public static List<object> ResolveSide(PSCmdlet cmdlet, object[] items, SideInput side)
        {
            var parts = new List<object>(items.Length);
            foreach (var item in items)
            {
                object value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case null:
                        break;
                    case QualysFinding finding:
                        parts.Add(finding);
                        break;
                    case FileInfo file:
                        side.Name(file.FullName);
                        parts.Add(file.FullName);
                        break;
                    case string path:
                        side.Name(path);
                        parts.AddRange(FilePathResolver.Resolve(cmdlet, new[] { path }, literal: false));
                        break;
                    default:
                        cmdlet.ThrowTerminatingError(new ErrorRecord(
                            new PSArgumentException($"-{side.Side} takes QualysFinding objects or report paths, not {value.GetType().FullName}."),
                            "UnsupportedSideInput", ErrorCategory.InvalidArgument, value));
                        break;
                }
            }
            return parts;
        }

        /// <summary>-KnowledgeBase takes KnowledgeBaseEntry objects and KnowledgeBase files.</summary>
        public static (List<KnowledgeBaseEntry> Entries, List<string> Files) SplitKnowledgeBase(PSCmdlet cmdlet, object[] items)
        {
            var entries = new List<KnowledgeBaseEntry>();
            var files = new List<string>();
            foreach (var item in items)
            {
                switch (item is PSObject wrapped ? wrapped.BaseObject : item)
                {
                    case KnowledgeBaseEntry entry: entries.Add(entry); break;
                    case FileInfo file: files.Add(file.FullName); break;
                    case string path: files.AddRange(FilePathResolver.Resolve(cmdlet, new[] { path }, literal: false)); break;
                    case var other:
                        cmdlet.ThrowTerminatingError(new ErrorRecord(
                            new PSArgumentException($"-KnowledgeBase takes KnowledgeBaseEntry objects or KnowledgeBase file paths, not {other?.GetType().FullName ?? "null"}."),
                            "UnsupportedKnowledgeBaseInput", ErrorCategory.InvalidArgument, other));
                        break;
                }
            }
            return (entries, files);
        }

        /// <summary>A misread exception list would hide work, so a bad file stops the command.</summary>
        public static IReadOnlyList<AcceptedRisk>? ReadAcceptedRisks(PSCmdlet cmdlet, string? file)
        {
            if (file == null) return null;
            string path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(file);
            try
            {
                var risks = AcceptedRiskReader.Read(path);
                cmdlet.WriteVerbose($"{path}: {risks.Count} accepted risks.");
                return risks;
            }
            catch (QualysReportException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e, path));
            }
            catch (Exception e) when (ErrorRecords.IsIo(e))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.FromIo(e, path));
            }
            return null;
        }
    }
}
