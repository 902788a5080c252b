using CoreosDsl.Rules;
using CoreosDsl.Systemd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// Reads what source code says about units into the rules' model (<see cref="UnitFacts"/>): the typed builders
/// (<c>Units.Service(name, s =&gt; ...)</c>, <c>units.Service(name, command, s =&gt; ...)</c>), raw unit text and
/// existing units, following the fluent chains inside the configure lambdas. Every line a section-builder call writes
/// becomes a fact, with its value when the argument is a constant (or a typed handle to a unit whose name is one).
/// Origins are source <see cref="Location"/>s.
/// </summary>
internal sealed class UnitFactsReader
{
    private const int MaxHandleDepth = 8;
    private readonly KnownSymbols symbols;
    private readonly Compilation compilation;

    public UnitFactsReader(KnownSymbols symbols, Compilation compilation)
    {
        this.symbols = symbols;
        this.compilation = compilation;
    }

    /// <summary>
    /// True for a call that defines a unit with the typed builders: it has a name parameter marked
    /// <c>[SystemdSyntax("unit-name:TYPE")]</c> and a configure delegate; <paramref name="type"/> is TYPE.
    /// </summary>
    public bool IsTypedDefinition(IInvocationOperation invocation, out UnitType type)
    {
        type = default;

        // Cheap test first: a definition ends with its configure delegate, Action<XUnitBuilder>.
        if (invocation.TargetMethod.Parameters is not [.., { Type: INamedTypeSymbol { Name: "Action", TypeArguments.Length: 1 } }])
        {
            return false;
        }

        foreach (var parameter in invocation.TargetMethod.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String
                && symbols.TryGetSyntax(parameter, out var syntax, out _)
                && syntax.StartsWith("unit-name:", StringComparison.Ordinal))
            {
                return TryParseType(syntax.Substring("unit-name:".Length), out type);
            }
        }

        return false;
    }

    /// <summary>True for a method of <c>CoreosUnitsBuilder</c> (or an extension of it): a call that adds an entry to coreos.units.</summary>
    public bool AddsToCoreosUnits(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return symbols.CoreosUnitsBuilder is { } units
            && (SymbolEqualityComparer.Default.Equals(method.ContainingType, units)
                || (method.IsExtensionMethod && method.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, units)));
    }

    /// <summary>The unit a typed definition builds: name, type, command and every line of its configure lambda.</summary>
    public UnitFacts ReadTyped(IInvocationOperation definition) => ReadTyped(definition, Bindings.None);

    /// <summary>The unit a typed definition builds, with the parameters of the method it is in bound to arguments.</summary>
    internal UnitFacts ReadTyped(IInvocationOperation definition, Bindings bindings)
    {
        IsTypedDefinition(definition, out var type);
        string? name = null;
        Location? nameOrigin = null;
        IOperation? configure = null;
        string? command = null;
        foreach (var argument in definition.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Type.SpecialType == SpecialType.System_String && symbols.TryGetSyntax(parameter, out _, out _))
            {
                name = Text(argument.Value, bindings);
                nameOrigin = WrittenAt(argument.Value, bindings);
            }
            else if (IsUnitCommand(parameter.Type))
            {
                command = OperationValues.ConstantText(argument.Value);
            }
            else if (parameter.Type is INamedTypeSymbol { Name: "Action", TypeArguments: [var builder] } && KnownSymbols.DerivesFrom(builder, symbols.UnitBuilder))
            {
                configure = argument.Value;
            }
        }

        var unit = new UnitFacts(name, type, nameOrigin ?? definition.Syntax.GetLocation()) { Command = command };
        if (OperationValues.Unwrap(configure ?? definition) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            Walk(lambda.Body, unit, bindings);
        }
        else
        {
            unit.ContentKnown = false; // a method group or a delegate variable: its calls are not followed
        }

        if (unit.ContentKnown && unit.Lines.All(l => l.Value is not null))
        {
            // Known line by line: enough to tell two definitions of one name apart (CDSL223).
            unit.ContentText = string.Join("\n", unit.Lines.Select(l => $"[{l.Section}] {l.Key}={l.Value}"));
        }

        return unit;
    }

    /// <summary>
    /// A unit added as raw text (<c>units.Raw(name, content, command)</c>): its lines when the content is a constant
    /// (each pointing at the content literal), otherwise content that is not known.
    /// </summary>
    public UnitFacts ReadRaw(IInvocationOperation raw)
    {
        string? name = null;
        Location? nameOrigin = null;
        string? content = null;
        Location? contentOrigin = null;
        string? command = null;
        foreach (var argument in raw.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "name":
                    name = OperationValues.ConstantText(argument.Value);
                    nameOrigin = argument.Value.Syntax.GetLocation();
                    break;
                case "content":
                    content = OperationValues.ConstantText(argument.Value);
                    contentOrigin = argument.Value.Syntax.GetLocation();
                    break;
                case "command":
                    command = OperationValues.ConstantText(argument.Value);
                    break;
            }
        }

        var unit = new UnitFacts(name, null, nameOrigin ?? raw.Syntax.GetLocation()) { Command = command };
        AddContent(unit, content, contentOrigin);
        return unit;
    }

    /// <summary>An existing unit (<c>units.Existing(name, command)</c>): a name and a command, no content.</summary>
    public UnitFacts ReadExisting(IInvocationOperation existing)
    {
        var nameArgument = existing.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name");
        var commandArgument = existing.Arguments.FirstOrDefault(a => a.Parameter?.Name == "command");
        var unit = new UnitFacts(
            nameArgument is null ? null : OperationValues.ConstantText(nameArgument.Value),
            null,
            nameArgument?.Value.Syntax.GetLocation() ?? existing.Syntax.GetLocation())
        {
            HasContent = false,
            Command = commandArgument is null ? null : OperationValues.ConstantText(commandArgument.Value),
        };
        ReadDropIns(existing, unit);
        return unit;
    }

    /// <summary>
    /// The drop-ins an entry's configure lambda adds (<c>e =&gt; e.DropIns(d =&gt; d.Add(x =&gt; x.Name(...).Content("..."))))</c>,
    /// or typed, <c>e =&gt; e.DropIn("10-opts.conf", d =&gt; d.Service(x =&gt; ...))</c>): their lines go after the unit's own,
    /// marked as drop-in lines, each pointing at its content literal or its builder call.
    /// </summary>
    public void ReadDropIns(IInvocationOperation entry, UnitFacts unit)
    {
        foreach (var argument in entry.Arguments)
        {
            if (OperationValues.Unwrap(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                continue;
            }

            foreach (var call in lambda.Body.Descendants().OfType<IInvocationOperation>())
            {
                if (call.TargetMethod is { Name: "Content", ContainingType.Name: "DropInBuilder" } && call.Arguments.Length == 1)
                {
                    var value = call.Arguments[0].Value;
                    AddContent(unit, OperationValues.ConstantText(value), value.Syntax.GetLocation(), dropIn: true);
                }
                else if (call.TargetMethod is { Name: "DropIn", ContainingType.Name: "CoreosUnitBuilder" }
                    && call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "configure") is { } configure
                    && OperationValues.Unwrap(configure.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation typed })
                {
                    // A typed drop-in (e.DropIn("10-opts.conf", d => d.Service(x => ...))): its lines as a unit's.
                    var dropIn = new UnitFacts(unit.Name, unit.Type, null);
                    Walk(typed.Body, dropIn, Bindings.None);
                    foreach (var line in dropIn.Lines)
                    {
                        unit.Lines.Add(new DirectiveFact(line.Section, line.Key, line.Value, line.Origin) { InDropIn = true });
                    }
                }
            }
        }
    }

    /// <summary>
    /// The name of the unit whose text a content argument holds (<c>units.Raw(name, content)</c>, an entry's
    /// <c>.Content(...)</c>, or a drop-in of an entry): found by walking out to the coreos.units call; null when it is
    /// not a constant.
    /// </summary>
    public string? UnitNameOf(IOperation content)
    {
        for (var operation = content.Parent; operation is not null; operation = operation.Parent)
        {
            if (operation is not IInvocationOperation call || !AddsToCoreosUnits(call))
            {
                continue;
            }

            if (call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name") is { } name)
            {
                return OperationValues.ConstantText(name.Value);
            }

            if (call.Arguments.FirstOrDefault(a => KnownSymbols.DerivesFrom(a.Parameter?.Type, symbols.UnitFile)) is { } handle)
            {
                return HandleName(handle.Value);
            }

            foreach (var argument in call.Arguments)
            {
                if (OperationValues.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    var nameCall = lambda.Body.Descendants().OfType<IInvocationOperation>().FirstOrDefault(c =>
                        c.TargetMethod.Name == "Name" && SymbolEqualityComparer.Default.Equals(c.TargetMethod.ContainingType, symbols.CoreosUnitBuilder) && c.Arguments.Length == 1);
                    return nameCall is null ? null : OperationValues.ConstantText(nameCall.Arguments[0].Value);
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>
    /// An entry built field by field (<c>units.Add(u =&gt; u.Name("x.service").Command(...).Content("..."))</c>).
    /// </summary>
    public UnitFacts ReadEntry(IInvocationOperation add, IAnonymousFunctionOperation configure)
    {
        string? name = null;
        Location? nameOrigin = null;
        string? command = null;
        string? content = null;
        Location? contentOrigin = null;
        var hasContent = false;
        foreach (var call in configure.Body.Descendants().OfType<IInvocationOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.CoreosUnitBuilder) || call.Arguments.Length != 1)
            {
                continue;
            }

            var value = call.Arguments[0].Value;
            switch (call.TargetMethod.Name)
            {
                case "Name":
                    name = OperationValues.ConstantText(value);
                    nameOrigin = value.Syntax.GetLocation();
                    break;
                case "Command":
                    command = OperationValues.ConstantText(value);
                    break;
                case "Content":
                    hasContent = true;
                    content = OperationValues.ConstantText(value);
                    contentOrigin = value.Syntax.GetLocation();
                    break;
            }
        }

        var unit = new UnitFacts(name, null, nameOrigin ?? add.Syntax.GetLocation()) { Command = command, HasContent = hasContent };
        if (hasContent)
        {
            AddContent(unit, content, contentOrigin);
        }

        ReadDropIns(add, unit);
        return unit;
    }

    /// <summary>
    /// The typed definition a <c>UnitFile</c> expression comes from: an inline <c>Units.X(...)</c> call, or a
    /// local, field or property initialized with one (followed into other files); null when it cannot be followed.
    /// </summary>
    public IInvocationOperation? ResolveHandle(IOperation value, int depth = 0) => Resolve(value, Bindings.None, depth).Definition;

    /// <summary>
    /// The typed definition a <c>UnitFile</c> expression comes from, with the arguments its method was called with:
    /// an inline <c>Units.X(...)</c> call; a local, field or property initialized with one; or a call of a method of
    /// the compilation that returns one (<c>SharedUnits.NodeExporter(9100)</c>), whose parameters are then bound to
    /// the call's arguments (constant data flow, followed into other files). Null when it cannot be followed.
    /// </summary>
    internal (IInvocationOperation? Definition, Bindings Bindings) Resolve(IOperation value, Bindings bindings, int depth = 0)
    {
        if (depth > MaxHandleDepth)
        {
            return (null, Bindings.None);
        }

        value = OperationValues.Unwrap(value);
        switch (value)
        {
            case IInvocationOperation invocation when IsTypedDefinition(invocation, out _):
                return (invocation, bindings);
            case IInvocationOperation call:
                return FollowMethod(call, bindings, depth);
            case IParameterReferenceOperation parameter when bindings.TryGet(parameter.Parameter, out var bound):
                return Resolve(bound.Value, bound.Bindings, depth + 1);
            case ILocalReferenceOperation local:
                // A local of the method being followed keeps that method's bindings (its initializer may use them).
                return OperationValues.SingleAssignmentInitializer(local.Local, compilation) is { } initializer
                    ? Resolve(initializer, bindings, depth + 1)
                    : (null, Bindings.None);
            case IFieldReferenceOperation field:
                return (FollowDeclaration(field.Field, depth), Bindings.None);
            case IPropertyReferenceOperation property:
                return (FollowDeclaration(property.Property, depth), Bindings.None);
            default:
                return (null, Bindings.None);
        }
    }

    /// <summary>
    /// A method of the compilation whose body returns one expression: <c>=&gt; ...</c>, or a block whose only
    /// <c>return</c> is its last statement (locals declared before it are followed with the call's bindings).
    /// </summary>
    private (IInvocationOperation? Definition, Bindings Bindings) FollowMethod(IInvocationOperation call, Bindings bindings, int depth)
    {
        if (!KnownSymbols.DerivesFrom(call.TargetMethod.ReturnType, symbols.UnitFile))
        {
            return (null, Bindings.None);
        }

        foreach (var reference in call.TargetMethod.DeclaringSyntaxReferences)
        {
            var returned = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax { ExpressionBody.Expression: var e } => e,
                LocalFunctionStatementSyntax { ExpressionBody.Expression: var e } => e,
                MethodDeclarationSyntax { Body: { } body } => SingleReturn(body),
                LocalFunctionStatementSyntax { Body: { } body } => SingleReturn(body),
                _ => null,
            };
            if (returned is null)
            {
                continue;
            }

            if (OperationValues.OperationOf(returned, compilation) is { } operation)
            {
                return Resolve(operation, bindings.With(call, bindings), depth + 1);
            }
        }

        return (null, Bindings.None);
    }

    /// <summary>
    /// The body of a method or local function declared in this compilation (a helper that receives a builder and adds
    /// units), as an operation to walk; null for a method from a referenced assembly or without a body.
    /// </summary>
    public IOperation? BodyOf(IMethodSymbol method)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is (BaseMethodDeclarationSyntax { Body: not null } or BaseMethodDeclarationSyntax { ExpressionBody: not null }
                    or LocalFunctionStatementSyntax) and var declaration
                && OperationValues.OperationOf(declaration, compilation) is { } body)
            {
                return body;
            }
        }

        return null;
    }

    /// <summary>
    /// The expression of a block's one <c>return</c> when it is the block's last statement (returns inside lambdas and
    /// local functions do not count); null when the block can return from elsewhere.
    /// </summary>
    private static ExpressionSyntax? SingleReturn(BlockSyntax body)
    {
        if (body.Statements.LastOrDefault() is not ReturnStatementSyntax { Expression: { } returned } last)
        {
            return null;
        }

        var returns = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>();
        return returns.All(r => r == last) ? returned : null;
    }

    /// <summary>The name of the unit a <c>UnitFile</c> expression refers to, when it can be followed to a constant.</summary>
    public string? HandleName(IOperation value) => HandleName(value, Bindings.None);

    private string? HandleName(IOperation value, Bindings bindings)
    {
        if (Resolve(value, bindings) is not ({ } definition, var own))
        {
            return null;
        }

        foreach (var argument in definition.Arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter && symbols.TryGetSyntax(parameter, out _, out _))
            {
                return Text(argument.Value, own);
            }
        }

        return null;
    }

    /// <summary>
    /// The constant text of a value: a constant, a parameter bound to one, or the name of a followed handle
    /// (<c>exporter.Name.Value</c>); null when not known.
    /// </summary>
    private string? Text(IOperation value, Bindings bindings, int depth = 0)
    {
        value = OperationValues.Unwrap(value);
        if (OperationValues.ConstantText(value) is { } constant)
        {
            return constant;
        }

        if (depth > MaxHandleDepth)
        {
            return null;
        }

        switch (value)
        {
            case IParameterReferenceOperation parameter when bindings.TryGet(parameter.Parameter, out var bound):
                return Text(bound.Value, bound.Bindings, depth + 1);
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: IPropertyReferenceOperation { Property.Name: "Name", Instance: { } handle } }
                when KnownSymbols.DerivesFrom(handle.Type, symbols.UnitFile):
                return HandleName(handle, bindings);
            case ILocalReferenceOperation local when local.Type?.SpecialType == SpecialType.System_String:
                return OperationValues.SingleAssignmentInitializer(local.Local, compilation) is { } initializer ? Text(initializer, bindings, depth + 1) : null;
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, Type.SpecialType: SpecialType.System_String } field }:
                return OperationValues.Initializer(field, compilation) is { } fieldValue ? Text(fieldValue, Bindings.None, depth + 1) : null;
            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null, Type.SpecialType: SpecialType.System_String } property }:
                return OperationValues.Initializer(property, compilation) is { } propertyValue ? Text(propertyValue, Bindings.None, depth + 1) : null;
            case IInterpolatedStringOperation interpolated:
                return Concatenate(interpolated.Parts.Select(part => part switch
                {
                    IInterpolatedStringTextOperation text => Text(text.Text, bindings, depth + 1),
                    IInterpolationOperation { Alignment: null, FormatString: null } hole => Piece(hole.Expression, bindings, depth + 1),
                    _ => null,
                }));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } sum:
                return Concatenate([Piece(sum.LeftOperand, bindings, depth + 1), Piece(sum.RightOperand, bindings, depth + 1)]);
            default:
                return null;
        }
    }

    /// <summary>
    /// A part of a concatenation or interpolation as C# formats it: strings and integers only, since C# writes a
    /// bool or an enum differently from the unit-file spelling <see cref="OperationValues.ConstantText"/> gives.
    /// </summary>
    private string? Piece(IOperation value, Bindings bindings, int depth)
    {
        value = OperationValues.Unwrap(value);
        return value.Type?.SpecialType switch
        {
            SpecialType.System_String or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Byte => Text(value, bindings, depth),
            _ => null,
        };
    }

    /// <summary>The parts joined, or null when any part is not known.</summary>
    private static string? Concatenate(IEnumerable<string?> parts)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part is null)
            {
                return null;
            }

            text.Append(part);
        }

        return text.ToString();
    }

    private IInvocationOperation? FollowDeclaration(ISymbol symbol, int depth) =>
        OperationValues.Initializer(symbol, compilation) is { } operation ? ResolveHandle(operation, depth + 1) : null;

    /// <summary>Collects the lines of one unit from its configure lambda, in the order the calls run.</summary>
    private void Walk(IOperation? operation, UnitFacts unit, Bindings bindings)
    {
        switch (operation)
        {
            case null:
                return;
            case IInvocationOperation nested when IsTypedDefinition(nested, out _) || AddsToCoreosUnits(nested):
                return; // another unit (a handle passed as a value): not lines of this one
            case IInvocationOperation call:
                Walk(call.Instance, unit, bindings);
                if (SectionOf(call) is { } section)
                {
                    AddLines(call, section, unit, bindings);
                }

                foreach (var argument in call.Arguments)
                {
                    Walk(argument.Value, unit, bindings);
                }

                return;
            default:
                foreach (var child in operation.ChildOperations)
                {
                    Walk(child, unit, bindings);
                }

                return;
        }
    }

    /// <summary>The section a call on a section builder writes to (<c>ServiceSectionBuilder</c> → <c>Service</c>).</summary>
    private string? SectionOf(IInvocationOperation call)
    {
        if (!KnownSymbols.DerivesFrom(call.TargetMethod.ContainingType, symbols.SectionBuilder))
        {
            return null;
        }

        const string Suffix = "SectionBuilder";
        var receiver = call.Instance?.Type?.Name;
        return receiver is { Length: > 14 } && receiver.EndsWith(Suffix, StringComparison.Ordinal)
            ? receiver.Substring(0, receiver.Length - Suffix.Length)
            : null;
    }

    private void AddLines(IInvocationOperation call, string section, UnitFacts unit, Bindings bindings)
    {
        var method = call.TargetMethod;
        var location = call.Syntax.GetLocation();
        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.SectionBuilder))
        {
            // The base class's escape hatches: Raw(directive, value) and Reset(directive).
            if (method.Name is "Raw" or "Reset" && call.Arguments.Length >= 1 && OperationValues.ConstantText(call.Arguments[0].Value) is { } key)
            {
                var value = method.Name == "Reset" ? "" : call.Arguments.Length > 1 ? Text(call.Arguments[1].Value, bindings) : null;
                unit.Lines.Add(new DirectiveFact(section, key, value, location));
            }

            return;
        }

        if (call.Arguments.Length == 0)
        {
            return;
        }

        var first = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) ?? call.Arguments[0];
        var firstValue = OperationValues.Unwrap(first.Value);
        if (first.ArgumentKind == ArgumentKind.ParamArray || firstValue is IArrayCreationOperation or ICollectionExpressionOperation)
        {
            IEnumerable<IOperation> elements = firstValue switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                ICollectionExpressionOperation collection => collection.Elements,
                _ => [firstValue],
            };
            foreach (var element in elements)
            {
                unit.Lines.Add(new DirectiveFact(section, method.Name, ValueOf(element, bindings), WrittenAt(element, bindings)));
            }

            return;
        }

        unit.Lines.Add(new DirectiveFact(section, method.Name, ValueOf(firstValue, bindings), WrittenAt(firstValue, bindings)));
    }

    /// <summary>
    /// Where a value is written: for a parameter of a followed method, the argument the caller passed (so that
    /// <c>Shared.Backup("srv-dta.mount")</c> is reported at the call, where the mistake is), otherwise the value itself.
    /// </summary>
    private static Location WrittenAt(IOperation value, Bindings bindings)
    {
        for (var depth = 0; depth <= MaxHandleDepth; depth++)
        {
            if (OperationValues.Unwrap(value) is not IParameterReferenceOperation parameter || !bindings.TryGet(parameter.Parameter, out var bound))
            {
                break;
            }

            (value, bindings) = bound;
        }

        return value.Syntax.GetLocation();
    }

    private string? ValueOf(IOperation value, Bindings bindings) =>
        KnownSymbols.DerivesFrom(OperationValues.Unwrap(value).Type, symbols.UnitFile) ? HandleName(value, bindings) : Text(value, bindings);

    private static void AddContent(UnitFacts unit, string? content, Location? origin, bool dropIn = false)
    {
        if (content is null)
        {
            if (!dropIn)
            {
                unit.ContentKnown = false;
            }

            return;
        }

        if (!dropIn)
        {
            unit.ContentText = content;
        }

        if (!UnitFileReader.TryReadSections(content, out var sections, out _))
        {
            if (!dropIn)
            {
                unit.ContentKnown = false; // LiteralValueAnalyzer reports the content itself
            }

            return;
        }

        foreach (var section in sections)
        {
            foreach (var entry in section.Entries)
            {
                unit.Lines.Add(new DirectiveFact(section.Name, entry.Key, entry.Value, origin) { InDropIn = dropIn });
            }
        }
    }

    private bool IsUnitCommand(ITypeSymbol type)
    {
        var t = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: [var inner] } ? inner : type;
        return SymbolEqualityComparer.Default.Equals(t, symbols.UnitCommand);
    }

    private static bool TryParseType(string suffix, out UnitType type)
    {
        foreach (UnitType candidate in Enum.GetValues(typeof(UnitType)))
        {
            if (UnitName.Suffix(candidate) == suffix)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
