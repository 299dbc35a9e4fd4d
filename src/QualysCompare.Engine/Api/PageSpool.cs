using System;
using System.Globalization;
using System.IO;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// Where one page's body goes while it downloads. A page is read only once it has arrived in full,
    /// and it is kept on disk rather than in memory because truncation_limit=0 makes one page the whole
    /// subscription. With an OutFolder the body is written beside its final name and renamed into place
    /// once complete, so a page-0001.xml file is never half-written; without one it lives in a
    /// temporary file that is deleted when the page is done.
    /// </summary>
    internal sealed class PageSpool : IDisposable
    {
        private readonly FileStream _file;
        private readonly string? _finalPath;
        private bool _committed;

        private PageSpool(FileStream file, string tempPath, string? finalPath, string displayName)
        {
            _file = file;
            TempPath = tempPath;
            _finalPath = finalPath;
            DisplayName = displayName;
        }

        /// <summary>Where the bytes are now (the final path once committed to an OutFolder).</summary>
        public string TempPath { get; private set; }

        /// <summary>The page's name in findings and messages: the saved file's path, or "api:page-0001".</summary>
        public string DisplayName { get; }

        public Stream Body => _file;

        public static string PageFileName(int page) => "page-" + page.ToString("D4", CultureInfo.InvariantCulture) + ".xml";

        public static PageSpool Create(string? outFolder, int page)
        {
            string name = PageFileName(page);
            if (outFolder != null)
            {
                string final = Path.Combine(outFolder, name);
                string temp = Path.Combine(outFolder, $".{name}.{Guid.NewGuid():N}.partial");
                var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 64 * 1024);
                return new PageSpool(file, temp, final, final);
            }
            string scratch = Path.Combine(Path.GetTempPath(), $"qualyscompare-{Guid.NewGuid():N}.xml");
            // DeleteOnClose: the page (vulnerability data) does not outlive the pull, even if the caller
            // never disposes the enumeration.
            var spool = new FileStream(scratch, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose);
            return new PageSpool(spool, scratch, null, "api:" + Path.GetFileNameWithoutExtension(name));
        }

        public long Length => _file.Length;

        /// <summary>Empties the spool for another attempt at the same page.</summary>
        public void Reset()
        {
            _file.SetLength(0);
            _file.Position = 0;
        }

        /// <summary>Makes what was written visible to readers that open the file by its path.</summary>
        public void Flush() => _file.Flush();

        /// <summary>The body is complete and valid: with an OutFolder, make it durable and rename it into place.</summary>
        public void Commit()
        {
            if (_finalPath == null) return;
            _file.Flush(true);
            _file.Dispose();
            if (File.Exists(_finalPath)) File.Replace(TempPath, _finalPath, null);
            else File.Move(TempPath, _finalPath);
            TempPath = _finalPath;
            _committed = true;
        }

        public void Dispose()
        {
            _file.Dispose();
            if (_finalPath != null && !_committed)
            {
                try
                {
                    File.Delete(TempPath);
                }
                catch (IOException)
                {
                    // A leftover .partial file is hidden and never read as a page; the error that led
                    // here matters more.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
