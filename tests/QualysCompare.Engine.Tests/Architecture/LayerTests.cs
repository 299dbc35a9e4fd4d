using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Xml.Linq;
using QualysCompare.Engine.Comparison;
using Xunit;

namespace QualysCompare.Engine.Tests.Architecture
{
    /// <summary>
    /// The rules of docs/architecture.md, checked against the compiled engine rather than its
    /// source text: every type a type's signatures and method bodies use is looked at, so neither
    /// a fully qualified name nor a lambda slips past.
    /// </summary>
    public sealed class LayerTests
    {
        /// <summary>The engine's namespaces from the bottom up. A namespace may use its own layer
        /// and the layers below it, never one above. Keep docs/architecture.md in step.</summary>
        public static readonly string[][] Layers =
        {
            new[] { "Model", "Output" },
            new[] { "Decoding" },
            new[] { "Readers" },
            new[] { "Import" },
            new[] { "Matching" },
            new[] { "Comparison" },
            new[] { "Explanation" },
            new[] { "Baselines" },
            new[] { "Writers", "Api" },
        };

        private const string EnginePrefix = "QualysCompare.Engine.";
        private static readonly Assembly Engine = typeof(VantageComparer).Assembly;

        [Fact]
        public void TheEngineReferencesNoPowerShellAssembly()
        {
            var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.NotEmpty(references);
            Assert.DoesNotContain(references, name => name.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void TheEngineProjectHasNoPowerShellPackage()
        {
            var project = XDocument.Load(Path.Combine(Fixtures.RepositoryRoot, "src", "QualysCompare.Engine", "QualysCompare.Engine.csproj"));
            var packages = project.Descendants().Where(e => e.Name.LocalName == "PackageReference" || e.Name.LocalName == "Reference" || e.Name.LocalName == "ProjectReference")
                .Select(e => (string?)e.Attribute("Include") ?? string.Empty).ToList();
            Assert.Contains("CsvHelper", packages);
            Assert.DoesNotContain(packages, name => name.IndexOf("PowerShell", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("System.Management.Automation", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Cmdlets", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        [Fact]
        public void EveryEngineNamespaceHasALayer()
        {
            var known = new HashSet<string>(Layers.SelectMany(layer => layer));
            var unplaced = Engine.GetTypes().Select(t => Area(t.Namespace)).Where(a => a != null && !known.Contains(a!)).Distinct().ToList();
            Assert.True(unplaced.Count == 0, "namespaces without a layer (add them to Layers and docs/architecture.md): " + string.Join(", ", unplaced));
            Assert.DoesNotContain(Engine.GetTypes(), t => t.Namespace == "QualysCompare.Engine" && !IsCompilerGenerated(t));
        }

        [Fact]
        public void NoNamespaceUsesOneAboveIt()
        {
            var violations = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var type in Engine.GetTypes())
            {
                var from = Area(type.Namespace);
                if (from == null) continue;
                foreach (var used in TypesUsedBy(type))
                {
                    var to = Area(used.Namespace);
                    if (to == null || to == from) continue;
                    if (LayerOf(to) > LayerOf(from)) violations.Add($"{from} -> {to}: {Name(type)} uses {Name(used)}");
                }
            }
            Assert.True(violations.Count == 0, "upward references:\n" + string.Join("\n", violations));
        }

        /// <summary>The checker itself: it must see a use hidden in a method body.</summary>
        [Fact]
        public void TheCheckerSeesTypesUsedOnlyInsideMethodBodies()
        {
            var used = TypesUsedBy(typeof(LayerTests)).Select(t => t.FullName).ToList();
            Assert.Contains(typeof(VantageComparer).FullName, used);
            var bodyOnly = TypesUsedBy(typeof(BodyOnlyUse)).Select(t => t.FullName).ToList();
            Assert.Contains(typeof(Explanation.GapExplainer).FullName, bodyOnly);
            Assert.Contains(typeof(Writers.GapCsvWriter).FullName, TypesUsedBy(typeof(BodyOnlyUse)).Select(t => t.FullName));
        }

        private static class BodyOnlyUse
        {
            public static object Make() => new Explanation.GapExplainer();

            public static void Lambda() => Run(() => Writers.GapCsvWriter.Write(Stream.Null, Array.Empty<Model.VantageComparison>(), sanitize: false));

            private static void Run(Action action) => action();
        }

        private static int LayerOf(string area)
        {
            for (int i = 0; i < Layers.Length; i++)
                if (Array.IndexOf(Layers[i], area) >= 0) return i;
            return int.MaxValue;
        }

        /// <summary>"QualysCompare.Engine.Readers.X" → "Readers"; null outside the engine's namespaces.</summary>
        private static string? Area(string? ns)
        {
            if (ns == null || !ns.StartsWith(EnginePrefix, StringComparison.Ordinal)) return null;
            var rest = ns.Substring(EnginePrefix.Length);
            int dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest.Substring(0, dot);
        }

        private static bool IsCompilerGenerated(Type type) =>
            type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false) || type.Name.StartsWith("<", StringComparison.Ordinal);

        private static string Name(Type type) => type.FullName ?? type.Name;

        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        /// <summary>Every type <paramref name="type"/> (and its nested and compiler-made types) names:
        /// base, interfaces, fields, properties, signatures, locals and every token in its IL.</summary>
        internal static IEnumerable<Type> TypesUsedBy(Type type)
        {
            var found = new HashSet<Type>();
            var pending = new Stack<Type>();
            pending.Push(type);
            var seen = new HashSet<Type>();
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!seen.Add(current)) continue;
                foreach (var nested in current.GetNestedTypes(Everything)) pending.Push(nested);
                Add(found, current.BaseType);
                foreach (var i in current.GetInterfaces()) Add(found, i);
                foreach (var field in current.GetFields(Everything)) Add(found, field.FieldType);
                foreach (var property in current.GetProperties(Everything)) Add(found, property.PropertyType);
                foreach (var method in current.GetMethods(Everything).Cast<MethodBase>().Concat(current.GetConstructors(Everything)))
                {
                    if (method is MethodInfo info) Add(found, info.ReturnType);
                    foreach (var parameter in method.GetParameters()) Add(found, parameter.ParameterType);
                    var body = method.GetMethodBody();
                    if (body == null) continue;
                    foreach (var local in body.LocalVariables) Add(found, local.LocalType);
                    foreach (var used in TokensIn(method, body.GetILAsByteArray() ?? Array.Empty<byte>())) Add(found, used);
                }
            }
            return found;
        }

        private static void Add(HashSet<Type> found, Type? type)
        {
            if (type == null) return;
            if (type.HasElementType)
            {
                Add(found, type.GetElementType());
                return;
            }
            if (type.IsGenericParameter) return;
            if (!found.Add(type)) return;
            if (type.IsGenericType)
                foreach (var argument in type.GetGenericArguments()) Add(found, argument);
            if (type.IsNested) Add(found, type.DeclaringType);
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value);

        private static IEnumerable<Type> TokensIn(MethodBase method, byte[] il)
        {
            var module = method.Module;
            var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            int at = 0;
            while (at < il.Length)
            {
                short value = il[at++];
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                        int token = BitConverter.ToInt32(il, at);
                        at += 4;
                        MemberInfo? member;
                        try
                        {
                            member = module.ResolveMember(token, typeArguments, methodArguments);
                        }
                        catch (ArgumentException)
                        {
                            continue;
                        }
                        switch (member)
                        {
                            case Type t: yield return t; break;
                            case FieldInfo f:
                                if (f.DeclaringType != null) yield return f.DeclaringType;
                                yield return f.FieldType;
                                break;
                            case MethodBase m:
                                if (m.DeclaringType != null) yield return m.DeclaringType;
                                if (m is MethodInfo mi) yield return mi.ReturnType;
                                if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                                break;
                        }
                        break;
                    case OperandType.InlineSwitch:
                        int count = BitConverter.ToInt32(il, at);
                        at += 4 + 4 * count;
                        break;
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar: at += 1; break;
                    case OperandType.InlineVar: at += 2; break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR: at += 8; break;
                    default: at += 4; break;
                }
            }
        }
    }
}
