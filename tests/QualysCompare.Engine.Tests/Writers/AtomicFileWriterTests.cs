using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    public sealed class AtomicFileWriterTests
    {
        private static readonly byte[] Previous = Encoding.UTF8.GetBytes("previous export, which must survive a failed one\n");

        [Fact]
        public void Writes_a_new_file_and_leaves_no_temporary_file()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            AtomicFileWriter.Write(target, stream => stream.Write(new byte[] { 1, 2, 3 }, 0, 3));
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void Replaces_an_existing_file()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);
            AtomicFileWriter.Write(target, stream => stream.Write(new byte[] { 7 }, 0, 1));
            Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void A_failure_half_way_leaves_the_previous_file_untouched_and_no_temporary_file()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);
            string? seenTemporary = null;

            var failure = Assert.Throws<InvalidOperationException>(() => AtomicFileWriter.Write(target, stream =>
            {
                stream.Write(new byte[4096], 0, 4096);
                stream.Flush();
                seenTemporary = ((FileStream)stream).Name;
                Assert.True(File.Exists(seenTemporary));
                throw new InvalidOperationException("injected half-way failure");
            }));

            Assert.Equal("injected half-way failure", failure.Message);
            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
            Assert.Equal(folder.Path, Path.GetDirectoryName(seenTemporary));
            Assert.Matches(@"^\.gaps\.csv\.[a-z0-9]+\.tmp$", Path.GetFileName(seenTemporary));
        }

        [Fact]
        public void A_csv_export_whose_rows_fail_half_way_leaves_the_previous_file_untouched()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);

            Assert.Throws<InvalidDataException>(() =>
                AtomicFileWriter.Write(target, stream => GapCsvWriter.Write(stream, RowsThenFailure(ExportSamples.Rows(), 3))));

            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void Cancellation_half_way_leaves_the_previous_file_untouched()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.json");
            File.WriteAllBytes(target, Previous);
            using var cancellation = new CancellationTokenSource();

            Assert.ThrowsAny<OperationCanceledException>(() => CoverageGapExport.Write(target, CancelAfter(ExportSamples.Rows(), 2, cancellation),
                new VantageSummary[0], new CoverageGapExportOptions { IncludeBoth = true }, cancellation.Token));

            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.json" }, folder.Names());
        }

        [Fact]
        public void A_failed_rename_leaves_the_previous_file_untouched_and_removes_the_finished_temporary_file()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.html");
            File.WriteAllBytes(target, Previous);

            var failure = Assert.Throws<ExportWriteFailedException>(() => AtomicFileWriter.Write(target, stream => stream.Write(new byte[] { 1 }, 0, 1), null, CancellationToken.None,
                temporary =>
                {
                    Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(temporary));
                    throw new IOException("injected rename failure");
                }));

            Assert.Equal(ExportErrorIds.WriteFailed, failure.ErrorId);
            Assert.Equal(ReportErrorKind.WriteError, failure.Kind);
            Assert.Equal(target, failure.Path);
            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.html" }, folder.Names());
        }

        [Fact]
        public void NoClobber_refuses_an_existing_file_without_writing()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);
            bool wrote = false;

            var failure = Assert.Throws<ExportTargetExistsException>(() =>
                AtomicFileWriter.Write(target, stream => wrote = true, new AtomicWriteOptions { NoClobber = true, Force = true }));

            Assert.False(wrote);
            Assert.Equal(ExportErrorIds.TargetExists, failure.ErrorId);
            Assert.Equal(ReportErrorKind.ResourceExists, failure.Kind);
            Assert.Contains(target, failure.Message);
            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void NoClobber_writes_a_file_that_does_not_exist_yet()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            AtomicFileWriter.Write(target, stream => stream.WriteByte(9), new AtomicWriteOptions { NoClobber = true });
            Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(target));
        }

        [Fact]
        public void A_read_only_file_is_refused_without_Force()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);
            File.SetAttributes(target, FileAttributes.ReadOnly);

            var failure = Assert.Throws<ExportTargetReadOnlyException>(() => AtomicFileWriter.Write(target, stream => stream.WriteByte(9)));

            Assert.Equal(ExportErrorIds.TargetReadOnly, failure.ErrorId);
            Assert.Equal(ReportErrorKind.PermissionDenied, failure.Kind);
            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void Force_overwrites_a_read_only_file_and_leaves_it_read_only()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);
            File.SetAttributes(target, FileAttributes.ReadOnly);

            AtomicFileWriter.Write(target, stream => stream.WriteByte(9), new AtomicWriteOptions { Force = true });

            Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(target));
            Assert.True((File.GetAttributes(target) & FileAttributes.ReadOnly) != 0);
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void A_missing_folder_is_its_own_error()
        {
            using var folder = new TempFolder();
            string missing = Path.Combine(folder.Path, "no-such-folder");
            string target = Path.Combine(missing, "gaps.csv");

            var failure = Assert.Throws<ExportFolderNotFoundException>(() => AtomicFileWriter.Write(target, stream => stream.WriteByte(9)));

            Assert.Equal(ExportErrorIds.FolderNotFound, failure.ErrorId);
            Assert.Equal(ReportErrorKind.ObjectNotFound, failure.Kind);
            Assert.Equal(missing, failure.Folder);
            Assert.False(Directory.Exists(missing));
        }

        [Fact]
        public void A_folder_in_the_way_is_a_write_failure()
        {
            using var folder = new TempFolder();
            Directory.CreateDirectory(folder.File("gaps.csv"));
            var failure = Assert.Throws<ExportWriteFailedException>(() => AtomicFileWriter.Write(folder.File("gaps.csv"), stream => stream.WriteByte(9)));
            Assert.Equal(ExportErrorIds.WriteFailed, failure.ErrorId);
        }

        [Fact]
        public void A_relative_path_is_refused()
        {
            // The process's current directory is not PowerShell's; the cmdlet must resolve the path first.
            Assert.Throws<ArgumentException>(() => AtomicFileWriter.Write("gaps.csv", stream => stream.WriteByte(9)));
        }

        private static IEnumerable<VantageComparison> RowsThenFailure(List<VantageComparison> rows, int count)
        {
            foreach (VantageComparison row in rows.Take(count)) yield return row;
            throw new InvalidDataException("injected failure after " + count + " rows");
        }

        private static IEnumerable<VantageComparison> CancelAfter(List<VantageComparison> rows, int count, CancellationTokenSource cancellation)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                if (i == count) cancellation.Cancel();
                yield return rows[i];
            }
        }
    }
}
