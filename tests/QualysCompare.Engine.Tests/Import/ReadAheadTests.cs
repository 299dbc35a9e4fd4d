using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Import;
using Xunit;

namespace QualysCompare.Engine.Tests.Import
{
    public sealed class ReadAheadTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(1023)]
        [InlineData(1024)]
        [InlineData(1025)]
        [InlineData(50_000)]
        public void Gives_every_item_in_order(int count)
        {
            var items = Enumerable.Range(0, count).Select(i => "item " + i).ToList();
            Assert.Equal(items, ReadAhead.Of(items).ToList());
        }

        [Fact]
        public void Enumerates_the_source_on_another_thread()
        {
            int caller = Environment.CurrentManagedThreadId;
            var threads = ReadAhead.Of(Enumerable.Range(0, 3).Select(_ => Environment.CurrentManagedThreadId)).ToList();
            Assert.All(threads, thread => Assert.NotEqual(caller, thread));
        }

        [Fact]
        public void Rethrows_the_source_failure_after_the_items_before_it()
        {
            var taken = new List<int>();
            var failure = Assert.Throws<InvalidDataException>(() =>
            {
                foreach (int item in ReadAhead.Of(FailAfter(3000))) taken.Add(item);
            });
            Assert.Equal("failed after 3000", failure.Message);
            Assert.Equal(Enumerable.Range(0, 3000), taken);
        }

        [Fact]
        public void Stopping_early_stops_and_disposes_the_source_before_returning()
        {
            var source = new CountingSource();
            foreach (int item in ReadAhead.Of(source.Items()))
            {
                if (item == 5) break;
            }
            Assert.True(source.Disposed, "the source's enumerator was not disposed when the caller stopped");
            int produced = source.Produced;
            Thread.Sleep(100);
            Assert.Equal(produced, source.Produced);
            Assert.True(produced < 100_000, $"the source ran on to {produced} items after the caller stopped");
        }

        [Fact]
        public void Cancellation_stops_the_enumeration()
        {
            using var cancellation = new CancellationTokenSource();
            var source = new CountingSource();
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                foreach (int item in ReadAhead.Of(source.Items(), cancellation.Token))
                {
                    if (item == 2000) cancellation.Cancel();
                }
            });
            Assert.True(source.Disposed);
        }

        private static IEnumerable<int> FailAfter(int count)
        {
            for (int i = 0; i < count; i++) yield return i;
            throw new InvalidDataException("failed after " + count);
        }

        /// <summary>An endless source that counts what it handed out and notes its disposal.</summary>
        private sealed class CountingSource
        {
            private int _produced;
            private volatile bool _disposed;

            public int Produced => Volatile.Read(ref _produced);
            public bool Disposed => _disposed;

            public IEnumerable<int> Items()
            {
                try
                {
                    for (int i = 0; ; i++)
                    {
                        Interlocked.Increment(ref _produced);
                        yield return i;
                    }
                }
                finally
                {
                    _disposed = true;
                }
            }
        }
    }
}
