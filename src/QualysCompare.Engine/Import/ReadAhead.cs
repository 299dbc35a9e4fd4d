using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// Runs an enumeration on a thread of its own, a few batches ahead of the caller. The comparison
    /// builds each row and its reason sentence; PowerShell then spends as long again handing the row
    /// to the next command. Only the pipeline thread may do the handing, so on two cores the rows are
    /// built on the other one while it does.
    /// </summary>
    public static class ReadAhead
    {
        // The bound keeps the thread from building the whole result when the pipeline is slower than it.
        private const int WaitingBatches = 8;

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
            using var queue = new BatchQueue<T>(WaitingBatches);
            var producer = Task.Factory.StartNew(() => Produce(source, queue, stop.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                foreach (var item in queue.Take(cancellationToken)) yield return item;
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

        private static void Produce<T>(IEnumerable<T> source, BatchQueue<T> queue, CancellationToken stop)
        {
            try
            {
                Exception? failure = null;
                try
                {
                    foreach (var item in source) queue.Add(item, stop);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    failure = e;
                }
                // The items before a failure still reach the caller, as they would without read-ahead.
                queue.Flush(stop);
                if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
            }
            finally
            {
                queue.CompleteAdding();
            }
        }
    }
}
