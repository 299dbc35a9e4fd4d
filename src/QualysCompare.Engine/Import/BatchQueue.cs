using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// Hands items from one producing thread to one consuming thread in batches, so that the
    /// hand-over costs nothing per item, with at most a fixed number of batches waiting, so that a
    /// slow consumer holds the producer back instead of letting the queue grow into memory.
    /// </summary>
    internal sealed class BatchQueue<T> : IDisposable
    {
        private const int BatchSize = 1024;

        private readonly BlockingCollection<ArraySegment<T>> _batches;
        private T[] _batch = new T[BatchSize];
        private int _count;

        public BatchQueue(int waitingBatches) => _batches = new BlockingCollection<ArraySegment<T>>(waitingBatches);

        /// <summary>Producer: takes one item, handing on the batch when it is full; waits while the
        /// queue is full.</summary>
        public void Add(T item, CancellationToken cancellationToken)
        {
            _batch[_count++] = item;
            if (_count == BatchSize) Flush(cancellationToken);
        }

        /// <summary>Producer: hands on the items of the batch that is not full yet.</summary>
        public void Flush(CancellationToken cancellationToken)
        {
            if (_count == 0) return;
            _batches.Add(new ArraySegment<T>(_batch, 0, _count), cancellationToken);
            _batch = new T[BatchSize];
            _count = 0;
        }

        /// <summary>Producer: no more items; the consumer's enumeration ends after the last batch.</summary>
        public void CompleteAdding() => _batches.CompleteAdding();

        /// <summary>Consumer: every item handed on, in order, until <see cref="CompleteAdding"/>.</summary>
        public IEnumerable<T> Take(CancellationToken cancellationToken)
        {
            foreach (var batch in _batches.GetConsumingEnumerable(cancellationToken))
            {
                for (int i = 0; i < batch.Count; i++) yield return batch.Array![batch.Offset + i];
            }
        }

        public void Dispose() => _batches.Dispose();
    }
}
