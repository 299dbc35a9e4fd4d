using System;
using System.IO;
using System.Threading;

namespace QualysCompare.Engine.Writers
{
    /// <summary>How an export may treat a file that is already there (Export-Csv's switches).</summary>
    public sealed class AtomicWriteOptions
    {
        /// <summary>Refuse to replace an existing file. Wins over <see cref="Force"/>, as in Export-Csv.</summary>
        public bool NoClobber { get; set; }

        /// <summary>Also replace a read-only file; it is read-only again afterwards, as Export-Csv -Force leaves it.</summary>
        public bool Force { get; set; }
    }

    /// <summary>
    /// Writes a file so that readers only ever see the old content or the complete new content: a scheduled
    /// export that dies half-way (disk full, Ctrl+C, a bug) must not leave a truncated report that looks valid.
    /// The content goes to a temporary file beside the target (same volume, so the final rename is atomic),
    /// is flushed to disk, and only then renamed over the target.
    /// </summary>
    public static class AtomicFileWriter
    {
        /// <param name="path">A rooted file-system path: the cmdlet resolves PowerShell paths first, because the
        /// process's current directory is not PowerShell's.</param>
        /// <param name="writeContent">Writes the whole content to the stream it is given and leaves it open.</param>
        /// <param name="options">NoClobber and Force; none by default.</param>
        /// <param name="cancellationToken">Checked before the rename; <paramref name="writeContent"/> should check it too.</param>
        /// <exception cref="ExportFolderNotFoundException">The target's folder does not exist.</exception>
        /// <exception cref="ExportTargetExistsException">NoClobber and the target exists.</exception>
        /// <exception cref="ExportTargetReadOnlyException">The target is read-only and Force was not given.</exception>
        /// <exception cref="ExportWriteFailedException">Any other I/O failure.</exception>
        /// <exception cref="OperationCanceledException">Cancelled before the rename; nothing changed.</exception>
        public static void Write(string path, Action<Stream> writeContent, AtomicWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            Write(path, writeContent, options, cancellationToken, beforeCommit: null);

        /// <summary>As the public overload, with a test hook.</summary>
        /// <param name="path">See the public overload.</param>
        /// <param name="writeContent">See the public overload.</param>
        /// <param name="options">See the public overload.</param>
        /// <param name="cancellationToken">See the public overload.</param>
        /// <param name="beforeCommit">Test hook: runs with the finished temporary file just before the rename, so a
        /// test can see it and fail the commit step itself.</param>
        internal static void Write(string path, Action<Stream> writeContent, AtomicWriteOptions? options, CancellationToken cancellationToken, Action<string>? beforeCommit)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (writeContent == null) throw new ArgumentNullException(nameof(writeContent));
            if (!Path.IsPathRooted(path)) throw new ArgumentException($"'{path}' is not a rooted path.", nameof(path));
            options ??= new AtomicWriteOptions();

            string target = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(target);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder)) throw new ExportFolderNotFoundException(target, folder ?? target);
            if (Directory.Exists(target)) throw new ExportWriteFailedException(target, new IOException("a folder of that name is in the way."));

            bool targetExists = File.Exists(target);
            if (targetExists && options.NoClobber) throw new ExportTargetExistsException(target);
            bool wasReadOnly = targetExists && (File.GetAttributes(target) & FileAttributes.ReadOnly) != 0;
            // Checked here and not left to the rename: on Unix renaming over a read-only file succeeds.
            if (wasReadOnly && !options.Force) throw new ExportTargetReadOnlyException(target);
            cancellationToken.ThrowIfCancellationRequested();

            string temp = Path.Combine(folder, TemporaryName(Path.GetFileName(target)));
            bool committed = false;
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
                {
                    writeContent(stream);
                    cancellationToken.ThrowIfCancellationRequested();
                    stream.Flush(flushToDisk: true);
                }
                beforeCommit?.Invoke(temp);
                cancellationToken.ThrowIfCancellationRequested();
                Commit(temp, target, targetExists, wasReadOnly, options.NoClobber);
                committed = true;
            }
            catch (IOException e)
            {
                throw new ExportWriteFailedException(target, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ExportWriteFailedException(target, e);
            }
            finally
            {
                if (!committed) TryDelete(temp);
            }
        }

        /// <summary>Leading dot: hidden by convention on Unix and sorted away from the real files elsewhere;
        /// the random part keeps two exports to the same file from sharing a temporary file.</summary>
        internal static string TemporaryName(string fileName) =>
            "." + fileName + "." + Path.GetRandomFileName().Replace(".", string.Empty) + ".tmp";

        private static void Commit(string temp, string target, bool targetExists, bool wasReadOnly, bool noClobber)
        {
            if (!targetExists)
            {
                // File.Move never overwrites, so a file that appeared since the check is not clobbered.
                try
                {
                    File.Move(temp, target);
                }
                catch (IOException) when (noClobber && File.Exists(target))
                {
                    throw new ExportTargetExistsException(target);
                }
                return;
            }

            // Windows refuses to replace a read-only file; the attribute comes back on the new file either way.
            if (wasReadOnly) File.SetAttributes(target, File.GetAttributes(target) & ~FileAttributes.ReadOnly);
            try
            {
                File.Replace(temp, target, destinationBackupFileName: null);
            }
            catch
            {
                if (wasReadOnly) TryMarkReadOnly(target);
                throw;
            }
            if (wasReadOnly) File.SetAttributes(target, File.GetAttributes(target) | FileAttributes.ReadOnly);
        }

        private static void TryMarkReadOnly(string target)
        {
            try
            {
                File.SetAttributes(target, File.GetAttributes(target) | FileAttributes.ReadOnly);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        /// <summary>Best effort: a leftover temporary file must not hide the exception that explains the failure.</summary>
        private static void TryDelete(string temp)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
