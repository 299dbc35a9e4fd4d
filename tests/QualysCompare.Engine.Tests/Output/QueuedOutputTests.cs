using System;
using System.IO;
using System.Threading;
using QualysCompare.Engine.Output;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    public sealed class QueuedOutputTests
    {
        [Fact]
        public void AWorkerThreadsOutputIsReplayedInOrderOnTheCallersThread()
        {
            var queued = new QueuedOutput();
            var error = new IOException("gone");
            var worker = new Thread(() =>
            {
                queued.WriteVerbose("opened");
                queued.WriteWarning("odd row");
                queued.WriteError(error, "a.csv");
                queued.WriteProgress(new EngineProgress("half", 1, 2));
                queued.WriteVerbose("read");
            });
            worker.Start();
            worker.Join();

            var recorded = new RecordedOutput();
            queued.Drain(recorded);

            Assert.Equal(new[] { "verbose: opened", "warning: odd row", "error: a.csv: gone", "verbose: read" }, recorded.Said);
            Assert.Same(error, recorded.Errors[0].Error);
            Assert.Equal("half", queued.LatestProgress!.Status);
            Assert.Empty(recorded.Progress);
            queued.Drain(recorded);
            Assert.Equal(4, recorded.Said.Count);
        }

        [Theory]
        [InlineData(0, 0, -1)]
        [InlineData(5, 0, -1)]
        [InlineData(1, 4, 25)]
        [InlineData(9, 4, 100)]
        [InlineData(-1, 4, 0)]
        public void PercentCompleteIsUnknownWithoutATotalAndClampedWithOne(long done, long total, int percent) =>
            Assert.Equal(percent, new EngineProgress("x", done, total).PercentComplete);

        [Fact]
        public void FinishedIsCompleted() => Assert.True(EngineProgress.Finished.Completed);
    }
}
