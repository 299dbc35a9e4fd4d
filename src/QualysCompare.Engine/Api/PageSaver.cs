using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// Where the pages go: with an OutFolder, page-0001.xml, page-0002.xml… exactly as received;
    /// without, temporary files that are gone once the page is read (<see cref="PageSpool"/>). A
    /// disk that cannot take a page ends the pull with QualysApiPageNotSaved: asking Qualys again
    /// would not cure it.
    /// </summary>
    internal sealed class PageSaver
    {
        private readonly string? _outFolder;

        public PageSaver(string? outFolder)
        {
            _outFolder = outFolder;
        }

        /// <summary>Creates the OutFolder, if there is one, before the first request.</summary>
        public void Prepare()
        {
            if (_outFolder == null) return;
            try
            {
                Directory.CreateDirectory(_outFolder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                throw new QualysReportException(ErrorIds.ApiPageNotSaved, ReportErrorKind.WriteError, _outFolder, 0,
                    $"the folder for the pages cannot be created: {e.Message}", e);
            }
        }

        public PageSpool Open(int page)
        {
            try
            {
                return PageSpool.Create(_outFolder, page);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                string where = _outFolder ?? Path.GetTempPath();
                throw new QualysReportException(ErrorIds.ApiPageNotSaved, ReportErrorKind.WriteError, where, 0,
                    $"page {page} cannot be written there: {e.Message}", e);
            }
        }

        /// <summary>Adds downloaded bytes to the page. Kept apart from network failures: a full disk
        /// is not cured by asking again.</summary>
        public static void Write(PageSpool spool, byte[] buffer, int count)
        {
            try
            {
                spool.Body.Write(buffer, 0, count);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw NotSaved(spool, e);
            }
        }

        /// <summary>The page is complete and checked: put it in place.</summary>
        public static void Commit(PageSpool spool)
        {
            try
            {
                spool.Commit();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw NotSaved(spool, e);
            }
        }

        /// <summary>Pages of an earlier, longer pull left in the folder would be taken for part of this one.</summary>
        public void WarnAboutStalePages(int lastPage, IEngineOutput output)
        {
            if (_outFolder == null) return;
            var stale = new List<string>();
            foreach (var file in Directory.EnumerateFiles(_outFolder, "page-*.xml"))
            {
                string name = Path.GetFileName(file);
                if (name.Length == 13 && int.TryParse(name.Substring(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > lastPage)
                    stale.Add(name);
            }
            if (stale.Count == 0) return;
            stale.Sort(StringComparer.Ordinal);
            output.WriteWarning($"{_outFolder} still holds {stale.Count} page file(s) from an earlier pull ({stale[0]}{(stale.Count > 1 ? " … " + stale[stale.Count - 1] : string.Empty)}); this pull wrote {PageSpool.PageFileName(1)} to {PageSpool.PageFileName(lastPage)}. Remove the others before importing the folder.");
        }

        private static QualysReportException NotSaved(PageSpool spool, Exception e) =>
            new QualysReportException(ErrorIds.ApiPageNotSaved, ReportErrorKind.WriteError, spool.DisplayName, 0,
                $"the page could not be saved: {e.Message}", e);
    }
}
