using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Runs an enumeration on a thread of its own, a few batches ahead of the caller. The comparison
    /// builds each row and its reason sentence; PowerShell then spends as long again handing the row
    /// to the next command. Only the pipeline thread may do the handing, so on two cores the rows are
    /// built on the other one while it does.
    /// </summary>
    public static class ReadAhead
    {
        // Batches make the hand-over cost nothing per item; the bound keeps the thread from building
        // the whole result when the pipeline is slower than it.
        private const int BatchSize = 1024;
        private const int QueuedBatches = 8;

        /// <summary>
        /// The items of <paramref name="source"/>, in order. <paramref name="source"/> is enumerated
        /// on another thread, so it must not call anything that belongs to the caller's thread.
        /// Its exceptions are rethrown to the caller once the items before them are taken. Stopping
        /// early (disposing the enumerator, or <paramref name="cancellationToken"/>) stops the thread
        /// before this returns.
        /// </summary>
        public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken cancellationToken = default)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            return Enumerate(source, cancellationToken);
        }

        private static IEnumerable<T> Enumerate<T>(IEnumerable<T> source, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var queue = new BlockingCollection<ArraySegment<T>>(QueuedBatches);
            var producer = Task.Factory.StartNew(() => Produce(source, queue, stop.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
                {
                    for (int i = 0; i < batch.Count; i++) yield return batch.Array![batch.Offset + i];
                }
                producer.GetAwaiter().GetResult();
            }
            finally
            {
                stop.Cancel();
                try
                {
                    producer.Wait();
                }
                catch (AggregateException)
                {
                    // Stopped early: the thread's cancellation, or a failure nobody asked for any more.
                }
            }
        }

        private static void Produce<T>(IEnumerable<T> source, BlockingCollection<ArraySegment<T>> queue, CancellationToken stop)
        {
            try
            {
                var batch = new T[BatchSize];
                int count = 0;
                Exception? failure = null;
                try
                {
                    foreach (var item in source)
                    {
                        batch[count++] = item;
                        if (count < BatchSize) continue;
                        queue.Add(new ArraySegment<T>(batch), stop);
                        batch = new T[BatchSize];
                        count = 0;
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    failure = e;
                }
                // The items before a failure still reach the caller, as they would without read-ahead.
                if (count > 0) queue.Add(new ArraySegment<T>(batch, 0, count), stop);
                if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
            }
            finally
            {
                queue.CompleteAdding();
            }
        }
    }
}
