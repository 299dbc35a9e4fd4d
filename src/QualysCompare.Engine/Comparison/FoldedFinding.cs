using System;
using System.Collections.Generic;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Everything one side reported for one (host, QID), with its port instances folded together.
    /// Kept small on purpose (millions of these may be alive at once): no text, the ports packed
    /// as numbers, the protocol names shared through the comparer's protocol table.
    /// </summary>
    public sealed class FoldedFinding
    {
        private readonly ProtocolTable _protocols;
        private byte _type;
        private byte _severity;
        private sbyte _status = -1;
        private bool _live;
        private byte _qds;
        private byte _qdsBand;
        private long _lastDetectedTicks;
        private long _lastFixedTicks;
        private int _portCount;
        private uint _firstPort;
        private uint[]? _morePorts;

        internal FoldedFinding(int qid, ProtocolTable protocols)
        {
            QID = qid;
            _protocols = protocols;
            _type = byte.MaxValue;
        }

        public int QID { get; }

        /// <summary>The strongest type any instance was reported as (Confirmed, then Potential, then
        /// Information): a scanner may confirm a QID on one port and only suspect it on another.</summary>
        public FindingType Type => (FindingType)_type;

        public int? Severity => _severity == 0 ? (int?)null : _severity;

        /// <summary>The status of the most recently detected instance that is not Fixed; Fixed only
        /// when every instance is Fixed; null when the format tracks no status (scan results, IGs).</summary>
        public DetectionStatus? Status => _status < 0 ? (DetectionStatus?)null : (DetectionStatus)_status;

        /// <summary>False when every instance is Fixed: the side reports the QID as remediated.</summary>
        public bool IsLive => _live;

        public DateTime? LastDetected => _lastDetectedTicks == 0 ? (DateTime?)null : new DateTime(_lastDetectedTicks, DateTimeKind.Utc);

        public DateTime? LastFixed => _lastFixedTicks == 0 ? (DateTime?)null : new DateTime(_lastFixedTicks, DateTimeKind.Utc);

        /// <summary>The highest Qualys Detection Score of its instances (1 to 100), null without show_qds.</summary>
        public int? Qds => _qds == 0 ? (int?)null : _qds;

        /// <summary>The QDS band that came with <see cref="Qds"/> (LOW, MEDIUM, HIGH, CRITICAL).</summary>
        public string? QdsSeverity => _qdsBand == 0 ? null : QdsBands[_qdsBand];

        // Index 0: none; kept as a byte so a folded finding stays small.
        private static readonly string?[] QdsBands = { null, Decoding.Vocabulary.QdsLow, Decoding.Vocabulary.QdsMedium, Decoding.Vocabulary.QdsHigh, Decoding.Vocabulary.QdsCritical };

        private static byte BandIndex(string? band)
        {
            for (int i = 1; i < QdsBands.Length; i++)
                if (ReferenceEquals(QdsBands[i], band) || string.Equals(QdsBands[i], band, StringComparison.OrdinalIgnoreCase)) return (byte)i;
            return 0;
        }

        private void TakeQds(int qds, byte band)
        {
            if (qds <= _qds) return;
            _qds = (byte)qds;
            _qdsBand = band;
        }

        public int PortCount => _portCount;

        /// <summary>"443/tcp, 3389/tcp": distinct, by port number then protocol; null for a host-level finding.</summary>
        public string? Ports
        {
            get
            {
                if (_portCount == 0) return null;
                if (_portCount == 1) return Format(_firstPort);
                var ports = new List<KeyValuePair<int, string?>>(_portCount);
                for (int i = 0; i < _portCount; i++)
                {
                    uint packed = i == 0 ? _firstPort : _morePorts![i - 1];
                    ports.Add(new KeyValuePair<int, string?>((int)(packed >> 16), _protocols.Name((int)(packed & 0xFFFF))));
                }
                ports.Sort((x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : string.CompareOrdinal(x.Value, y.Value));
                var text = new StringBuilder();
                foreach (var port in ports)
                {
                    if (text.Length > 0) text.Append(", ");
                    text.Append(port.Key.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (port.Value != null) text.Append('/').Append(port.Value);
                }
                return text.ToString();
            }
        }

        private string Format(uint packed)
        {
            var port = (packed >> 16).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var protocol = _protocols.Name((int)(packed & 0xFFFF));
            return protocol == null ? port : port + "/" + protocol;
        }

        internal void Fold(QualysFinding finding)
        {
            var type = (byte)finding.Type;
            if (type < _type) _type = type;
            if (finding.Severity is int severity && severity >= 1 && severity <= 5 && severity > _severity) _severity = (byte)severity;

            long detected = finding.LastDetected?.ToUniversalTime().Ticks ?? 0;
            bool live = finding.Status != DetectionStatus.Fixed;
            if (live)
            {
                // The first live instance replaces a Fixed status; among live ones the latest wins.
                if (!_live || detected > _lastDetectedTicks)
                    _status = finding.Status.HasValue ? (sbyte)finding.Status.Value : (sbyte)-1;
                _live = true;
            }
            else if (!_live)
            {
                _status = (sbyte)DetectionStatus.Fixed;
            }
            if (detected > _lastDetectedTicks) _lastDetectedTicks = detected;
            long fixedAt = finding.LastFixed?.ToUniversalTime().Ticks ?? 0;
            if (fixedAt > _lastFixedTicks) _lastFixedTicks = fixedAt;

            if (finding.Qds is int qds && qds >= 1 && qds <= 100 && qds > _qds)
                TakeQds(qds, BandIndex(finding.QdsSeverity ?? Decoding.Vocabulary.QdsSeverityOf(qds)));

            if (finding.Port is int port && port >= 0 && port <= ushort.MaxValue)
                AddPort(((uint)port << 16) | (uint)_protocols.Index(finding.Protocol));
        }

        /// <summary>Takes in the same QID of another record of the same host (scanner records that
        /// turned out to be one machine).</summary>
        internal void Merge(FoldedFinding other)
        {
            if (other._type < _type) _type = other._type;
            if (other._severity > _severity) _severity = other._severity;
            if (other._live && (!_live || other._lastDetectedTicks > _lastDetectedTicks)) _status = other._status;
            else if (!_live && !other._live) _status = (sbyte)DetectionStatus.Fixed;
            _live |= other._live;
            if (other._lastDetectedTicks > _lastDetectedTicks) _lastDetectedTicks = other._lastDetectedTicks;
            if (other._lastFixedTicks > _lastFixedTicks) _lastFixedTicks = other._lastFixedTicks;
            TakeQds(other._qds, other._qdsBand);
            for (int i = 0; i < other._portCount; i++) AddPort(i == 0 ? other._firstPort : other._morePorts![i - 1]);
        }

        private void AddPort(uint packed)
        {
            if (_portCount > 0 && _firstPort == packed) return;
            for (int i = 0; i < _portCount - 1; i++)
                if (_morePorts![i] == packed) return;
            if (_portCount == 0)
            {
                _firstPort = packed;
            }
            else
            {
                if (_morePorts == null) _morePorts = new uint[2];
                else if (_morePorts.Length < _portCount) Array.Resize(ref _morePorts, _morePorts.Length * 2);
                _morePorts[_portCount - 1] = packed;
            }
            _portCount++;
        }

        public override string ToString() => $"QID {QID} {Type}{(Ports == null ? string.Empty : " on " + Ports)}{(IsLive ? string.Empty : " (Fixed)")}";
    }

    /// <summary>Protocol names ("tcp", "udp") stored once and referred to by number. Index 0: none.</summary>
    internal sealed class ProtocolTable
    {
        private readonly List<string?> _names = new List<string?> { null };
        private readonly Dictionary<string, int> _indexes = new Dictionary<string, int>(StringComparer.Ordinal);

        public int Index(string? protocol)
        {
            var name = Decoding.Vocabulary.Clean(protocol)?.ToLowerInvariant();
            if (name == null) return 0;
            if (_indexes.TryGetValue(name, out int index)) return index;
            // 16 bits are reserved for the protocol; a file with more distinct protocol names than
            // that is garbage in that column, and its ports are kept without one.
            if (_names.Count > ushort.MaxValue) return 0;
            index = _names.Count;
            _names.Add(name);
            _indexes[name] = index;
            return index;
        }

        public string? Name(int index) => _names[index];
    }
}
