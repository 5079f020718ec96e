using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace MemScript.Compiler.Policies;

/// <summary>
/// Rewrites a policy's syntax tree so it cannot hang or overflow the host's
/// stack: every body that runs as a method (methods, constructors, accessors,
/// operators, local functions, lambdas) and may recurse (the
/// <see cref="PolicyCallGraph"/>'s guarded set) becomes
/// <c>{ Guard.Enter(site); try { body } finally { Guard.Exit(); } }</c>; every
/// loop (for, foreach, while, do) is charged one step on entry and counts its
/// iterations in a local of its own, charging them to the guard a batch at a
/// time (<c>{ Guard.Step(site); int n = 0; loop }</c>, the body starting with
/// <c>if (++n == Guard.LoopBatch) { Guard.Charge(site, n); n = 0; }</c>), so
/// an iteration touches no thread-static state; a backward <c>goto</c>
/// calls <c>Guard.Step(site)</c> (the runtime's PolicyGuard: a step budget per
/// call from the kernel and a depth bound). Sites are numbered in document
/// order; <see cref="Sites"/> gives each site's line and column in the
/// policy's own text. A body on no cycle of the call graph keeps its code as
/// written: it runs a bounded number of statements outside its loops. Inserted code carries no line breaks, so every line of
/// the policy keeps its number in diagnostics and in the image's line table.
/// Expression bodies need the semantic model to know whether they return a
/// value.
/// </summary>
internal sealed class BoundedExecutionRewriter(SemanticModel model, IReadOnlySet<SyntaxNode> guarded) : CSharpSyntaxRewriter
{
    private const string Guard = "global::MemScript.Runtime.PolicyHost.PolicyGuard";

    /// <summary>The hidden field of a policy class that holds its run's guard state.</summary>
    public const string GuardField = "__memscript_guard";

    private const string Holding = "this." + GuardField;

    private readonly Dictionary<SyntaxNode, bool> _policyClasses = [];

    public List<(int Line, int Column)> Sites { get; } = [];

    /// <summary>
    /// Whether some guarded code reaches the guard through the thread (a
    /// static member, a helper class, a lambda or local function created
    /// while constructing, an object of a policy class the policy constructs
    /// itself) rather than through a policy object's hidden field, outside
    /// the construction of a policy class: then every call from the kernel
    /// must set the thread's guard (<c>PolicyFile.ThreadGuard</c>).
    /// </summary>
    public bool UsesThreadGuard { get; private set; }

    public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node) =>
        WithGuardField(node, (TypeDeclarationSyntax)base.VisitClassDeclaration(node)!);

    public override SyntaxNode? VisitRecordDeclaration(RecordDeclarationSyntax node) =>
        WithGuardField(node, (TypeDeclarationSyntax)base.VisitRecordDeclaration(node)!);

    public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
    {
        NoteCreation(node);
        return base.VisitObjectCreationExpression(node);
    }

    public override SyntaxNode? VisitImplicitObjectCreationExpression(ImplicitObjectCreationExpressionSyntax node)
    {
        NoteCreation(node);
        return base.VisitImplicitObjectCreationExpression(node);
    }

    public override SyntaxNode? VisitWithExpression(WithExpressionSyntax node)
    {
        NoteCreation(node);   // a record's copy constructor may be the policy's own
        return base.VisitWithExpression(node);
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var site = Site(node.Identifier);
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.Body is null && visited.ExpressionBody is null)
            return visited;   // abstract, partial or extern
        if (!Guards(node, node.Body))
            return visited;
        var returnsValue = model.GetDeclaredSymbol(node) is { ReturnsVoid: false } m && !IsIterator(node.Body);
        return visited.WithBody(Carry(Wrap(visited.Body, visited.ExpressionBody, returnsValue, site, Holder(node)), visited.ExpressionBody, visited.SemicolonToken))
            .WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var site = Site(node.Identifier);
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        if (visited.Body is null && visited.ExpressionBody is null)
            return visited;
        if (!Guards(node, node.Body))
            return visited;
        return visited.WithBody(Carry(Wrap(visited.Body, visited.ExpressionBody, false, site, Holder(node)), visited.ExpressionBody, visited.SemicolonToken)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var site = Site(node.OperatorKeyword);
        var visited = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        if (visited.Body is null && visited.ExpressionBody is null)
            return visited;
        if (!Guards(node, node.Body))
            return visited;
        return visited.WithBody(Carry(Wrap(visited.Body, visited.ExpressionBody, true, site, Holder(node)), visited.ExpressionBody, visited.SemicolonToken)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var site = Site(node.OperatorKeyword);
        var visited = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        if (visited.Body is null && visited.ExpressionBody is null)
            return visited;
        if (!Guards(node, node.Body))
            return visited;
        return visited.WithBody(Carry(Wrap(visited.Body, visited.ExpressionBody, true, site, Holder(node)), visited.ExpressionBody, visited.SemicolonToken)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var site = Site(node.Keyword);
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (visited.Body is null && visited.ExpressionBody is null)
            return visited;   // auto-accessor
        if (!Guards(node, node.Body))
            return visited;
        var returnsValue = node.Keyword.IsKind(SyntaxKind.GetKeyword) && !IsIterator(node.Body);
        return visited.WithBody(Carry(Wrap(visited.Body, visited.ExpressionBody, returnsValue, site, Holder(node)), visited.ExpressionBody, visited.SemicolonToken)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var site = Site(node.Identifier);
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (visited.Initializer is { } init && GuardsInitializers(node))
        {
            Holder(node.Initializer!.Value);   // Nest/Nested use the thread's guard: note when that is outside construction
            visited = visited.WithInitializer(init.WithValue(Nested(init.Value, visited.Type, site)));
        }
        if (visited.ExpressionBody is null || !Guards(node, null))
            return visited;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Wrap(null, visited.ExpressionBody, true, site, Holder(node)));
        var accessors = AccessorList(SingletonList(getter));
        accessors = accessors
            .WithOpenBraceToken(accessors.OpenBraceToken.WithLeadingTrivia(visited.ExpressionBody.ArrowToken.LeadingTrivia).WithTrailingTrivia(visited.ExpressionBody.ArrowToken.TrailingTrivia))
            .WithCloseBraceToken(accessors.CloseBraceToken.WithLeadingTrivia(visited.SemicolonToken.LeadingTrivia).WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(accessors);
    }

    public override SyntaxNode? VisitFieldDeclaration(FieldDeclarationSyntax node)
    {
        var visited = (FieldDeclarationSyntax)base.VisitFieldDeclaration(node)!;
        if (!GuardsInitializers(node))
            return visited;
        Holder(node.Declaration);   // as for a property's initializer
        var type = visited.Declaration.Type;
        var variables = visited.Declaration.Variables;
        for (var i = 0; i < variables.Count; i++)
            if (variables[i].Initializer is { } init)
                variables = variables.Replace(variables[i], variables[i].WithInitializer(init.WithValue(Nested(init.Value, type, Site(variables[i].Identifier)))));
        return visited.WithDeclaration(visited.Declaration.WithVariables(variables));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var site = Site(node.ThisKeyword);
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (visited.ExpressionBody is null || !Guards(node, null))
            return visited;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Wrap(null, visited.ExpressionBody, true, site, Holder(node)));
        var accessors = AccessorList(SingletonList(getter));
        accessors = accessors
            .WithOpenBraceToken(accessors.OpenBraceToken.WithLeadingTrivia(visited.ExpressionBody.ArrowToken.LeadingTrivia).WithTrailingTrivia(visited.ExpressionBody.ArrowToken.TrailingTrivia))
            .WithCloseBraceToken(accessors.CloseBraceToken.WithLeadingTrivia(visited.SemicolonToken.LeadingTrivia).WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(accessors);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var site = Site(node.Identifier);
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (!Guards(node, node.Body))
            return visited;
        var returnsValue = model.GetDeclaredSymbol(node) is IMethodSymbol { ReturnsVoid: false } && !IsIterator(node.Body);
        return visited.WithBody(Carry(Wrap(visited.Body, visited.ExpressionBody, returnsValue, site, Holder(node)), visited.ExpressionBody, visited.SemicolonToken)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var site = Site(node.ArrowToken);
        var returnsValue = LambdaReturnsValue(node);
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        if (!Guards(node, null))
            return visited;
        return visited.WithBlock(Wrap(visited.Block, visited.ExpressionBody is { } e ? ArrowExpressionClause(e) : null, returnsValue, site, Holder(node))).WithExpressionBody(null);
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var site = Site(node.ArrowToken);
        var returnsValue = LambdaReturnsValue(node);
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        if (!Guards(node, null))
            return visited;
        return visited.WithBlock(Wrap(visited.Block, visited.ExpressionBody is { } e ? ArrowExpressionClause(e) : null, returnsValue, site, Holder(node))).WithExpressionBody(null);
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var site = Site(node.DelegateKeyword);
        var returnsValue = LambdaReturnsValue(node);
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        if (!Guards(node, null))
            return visited;
        return visited.WithBlock(Wrap(visited.Block, null, returnsValue, site, Holder(node)));
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var site = Site(node.WhileKeyword);
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        var holder = Holder(node);
        return Counted(visited.WithStatement(Counting(visited.Statement, site, holder)), site, holder);
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var site = Site(node.DoKeyword);
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        var holder = Holder(node);
        return Counted(visited.WithStatement(Counting(visited.Statement, site, holder)), site, holder);
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var site = Site(node.ForKeyword);
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        var holder = Holder(node);
        return Counted(visited.WithStatement(Counting(visited.Statement, site, holder)), site, holder);
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var site = Site(node.ForEachKeyword);
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        var holder = Holder(node);
        return Counted(visited.WithStatement(Counting(visited.Statement, site, holder)), site, holder);
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var site = Site(node.ForEachKeyword);
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        var holder = Holder(node);
        return Counted(visited.WithStatement(Counting(visited.Statement, site, holder)), site, holder);
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        var site = Site(node.GotoKeyword);
        var visited = (GotoStatementSyntax)base.VisitGotoStatement(node)!;
        return Block(Call("Step", site, Holder(node)), visited);
    }

    /// <summary>
    /// The first declaration of a policy class (a class implementing
    /// MemScript.Policies' IReclaimPolicy or IOomPolicy) gains, after its
    /// members and on the same line, <c>private readonly PolicyGuardState
    /// __memscript_guard = PolicyGuard.Adopt();</c>: the run's guard, taken
    /// from the thread while the object is constructed, before any
    /// constructor body runs.
    /// </summary>
    private TypeDeclarationSyntax WithGuardField(TypeDeclarationSyntax original, TypeDeclarationSyntax visited)
    {
        if (!IsPolicyClass(original) || model.GetDeclaredSymbol(original) is not { } type
            || type.DeclaringSyntaxReferences.Min(r => r.Span.Start) != original.Span.Start
            || visited.OpenBraceToken.IsMissing)
            return visited;
        var field = ParseMemberDeclaration($"private readonly global::MemScript.Runtime.PolicyHost.PolicyGuardState {GuardField} = {Guard}.Adopt();")!;
        return visited.AddMembers(field);
    }

    /// <summary>Whether the type declared here is a class that implements a policy interface (it gets the hidden guard field).</summary>
    private bool IsPolicyClass(SyntaxNode typeDeclaration)
    {
        if (_policyClasses.TryGetValue(typeDeclaration, out var known))
            return known;
        var result = model.GetDeclaredSymbol(typeDeclaration) is INamedTypeSymbol type && IsPolicyType(type);
        _policyClasses[typeDeclaration] = result;
        return result;
    }

    private static bool IsPolicyType(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class }
        && type.AllInterfaces.Any(i => i.Name is "IReclaimPolicy" or "IOomPolicy" && i.ContainingNamespace.ToDisplayString() == "MemScript.Policies");

    /// <summary>
    /// An object the policy constructs itself: a policy class (its hidden
    /// field adopts the thread's guard) or a type parameter (which may be
    /// one) needs the thread's guard set, unless it is constructed while a
    /// policy class is (the host sets the thread's guard for that).
    /// </summary>
    private void NoteCreation(ExpressionSyntax creation)
    {
        var type = model.GetTypeInfo(creation).Type;
        if (type is ITypeParameterSymbol || type is not null && IsPolicyType(type))
        {
            if (RouteOf(creation) != Route.Construction)
                UsesThreadGuard = true;
        }
    }

    /// <summary>How guard code placed at <paramref name="node"/> reaches the guard.</summary>
    private enum Route
    {
        /// <summary>Through <c>this.__memscript_guard</c>: an instance member of a policy class.</summary>
        Instance,

        /// <summary>Through the thread, while a policy class is constructed (the host sets it then).</summary>
        Construction,

        /// <summary>Through the thread, at any time.</summary>
        Thread,
    }

    /// <summary>
    /// The guard expression for code placed at <paramref name="node"/> (null:
    /// the thread's guard); notes when the thread's guard is needed on calls.
    /// </summary>
    private string? Holder(SyntaxNode node)
    {
        var route = RouteOf(node);
        if (route == Route.Instance)
            return Holding;
        if (route == Route.Thread)
            UsesThreadGuard = true;
        return null;
    }

    /// <summary>
    /// Walks out from <paramref name="node"/> to the member it runs in. A
    /// lambda or local function keeps <c>this</c> unless it is static, but
    /// one made while constructing may run later, so it takes the thread route.
    /// </summary>
    private Route RouteOf(SyntaxNode node)
    {
        var inFunction = false;
        for (var n = node; n is not null; n = n.Parent)
        {
            switch (n)
            {
                case AnonymousFunctionExpressionSyntax f:
                    if (f.Modifiers.Any(SyntaxKind.StaticKeyword))
                        return Route.Thread;
                    inFunction = true;
                    break;
                case LocalFunctionStatementSyntax l:
                    if (l.Modifiers.Any(SyntaxKind.StaticKeyword))
                        return Route.Thread;
                    inFunction = true;
                    break;
                case MethodDeclarationSyntax m:
                    return Member(m, m.Modifiers);
                case PropertyDeclarationSyntax p:
                    return p.Initializer is { } init && init.Span.Contains(node.Span) ? Constructing(p, p.Modifiers, inFunction) : Member(p, p.Modifiers);
                case IndexerDeclarationSyntax i:
                    return Member(i, i.Modifiers);
                case EventDeclarationSyntax e:
                    return Member(e, e.Modifiers);
                case ConstructorDeclarationSyntax c:
                    return Constructing(c, c.Modifiers, inFunction);
                case BaseFieldDeclarationSyntax f:
                    return Constructing(f, f.Modifiers, inFunction);
                case TypeDeclarationSyntax t:
                    return !inFunction && IsPolicyClass(t) ? Route.Construction : Route.Thread;
                case MemberDeclarationSyntax:
                    return Route.Thread;   // operators, conversions, finalizers, anything else
            }
        }

        return Route.Thread;
    }

    private Route Member(MemberDeclarationSyntax member, SyntaxTokenList modifiers) =>
        !modifiers.Any(SyntaxKind.StaticKeyword) && member.Parent is TypeDeclarationSyntax type && IsPolicyClass(type) ? Route.Instance : Route.Thread;

    private Route Constructing(MemberDeclarationSyntax member, SyntaxTokenList modifiers, bool inFunction) =>
        !inFunction && !modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword))
        && member.Parent is TypeDeclarationSyntax type && IsPolicyClass(type) ? Route.Construction : Route.Thread;

    /// <summary>
    /// Whether an instance member's initializer keeps a guard: its type's
    /// field initializers are on a cycle of the call graph (one type's
    /// initializer constructs another whose initializer constructs the
    /// first), and it does more than compute a constant.
    /// </summary>
    private bool GuardsInitializers(MemberDeclarationSyntax member) =>
        !member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword))
        && member.Parent is TypeDeclarationSyntax type && guarded.Contains(type);

    /// <summary>
    /// An initializer as <c>Guard.Nested&lt;T&gt;(Guard.Nest(site), value)</c>: one
    /// level of depth while the value is computed (the arguments run in order),
    /// on the initializer's own line. An array initializer becomes
    /// <c>new T[] { ... }</c> so it can be an argument.
    /// </summary>
    private static ExpressionSyntax Nested(ExpressionSyntax value, TypeSyntax type, int site)
    {
        var plainType = type.WithoutTrivia();
        var inner = value is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } array && plainType is ArrayTypeSyntax arrayType
            ? ArrayCreationExpression(arrayType.WithTrailingTrivia(Space), array.WithoutLeadingTrivia())
            : value.WithoutLeadingTrivia();
        var call = (InvocationExpressionSyntax)ParseExpression($"{Guard}.Nested<{plainType.ToString()}>({Guard}.Nest({site}), default)");
        var args = call.ArgumentList.Arguments;
        return call.WithArgumentList(call.ArgumentList.WithArguments(args.Replace(args[1], args[1].WithExpression(inner))))
            .WithLeadingTrivia(value.GetLeadingTrivia());
    }

    /// <summary>Whether a body keeps its guard: it may recurse (<see cref="PolicyCallGraph"/>), or it is an iterator (which steps at entry).</summary>
    private bool Guards(SyntaxNode node, BlockSyntax? body) => guarded.Contains(node) || IsIterator(body);

    private bool LambdaReturnsValue(AnonymousFunctionExpressionSyntax node) =>
        model.GetSymbolInfo(node).Symbol is IMethodSymbol { ReturnsVoid: false } lambda && !lambda.IsAsync;

    private static bool IsIterator(BlockSyntax? body) =>
        body is not null && body.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            .Any(n => n is YieldStatementSyntax);

    private int Site(SyntaxToken token)
    {
        var position = token.GetLocation().GetLineSpan().StartLinePosition;
        Sites.Add((position.Line + 1, position.Character + 1));
        return Sites.Count - 1;
    }

    private static BlockSyntax Wrap(BlockSyntax? body, ArrowExpressionClauseSyntax? arrow, bool returnsValue, int site, string? holder)
    {
        var inner = body ?? Block(returnsValue
            ? ReturnStatement(arrow!.Expression.WithoutLeadingTrivia().WithLeadingTrivia(Space))
            : ExpressionStatement(arrow!.Expression));
        if (IsIterator(body))
            return Block(Call("Step", site, holder), inner);   // an iterator's body runs piecemeal: charge, no depth
        var exit = Block(ParseStatement(Guard + ".Exit(" + holder + ");"));
        return Block(Call("Enter", site, holder), TryStatement(inner, default, FinallyClause(exit)));
    }

    /// <summary>Keeps the trivia (line breaks) of a removed <c>=&gt;</c> and <c>;</c> on the new block, so no line moves.</summary>
    private static BlockSyntax Carry(BlockSyntax block, ArrowExpressionClauseSyntax? arrow, SyntaxToken semicolon)
    {
        if (arrow is null)
            return block;
        return block
            .WithOpenBraceToken(block.OpenBraceToken.WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia).WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia))
            .WithCloseBraceToken(block.CloseBraceToken.WithLeadingTrivia(semicolon.LeadingTrivia).WithTrailingTrivia(semicolon.TrailingTrivia));
    }

    /// <summary>The loop body, counting its iteration in the loop's local and charging a batch every <c>LoopBatch</c>.</summary>
    private static StatementSyntax Counting(StatementSyntax statement, int site, string? holder)
    {
        var charged = holder is null ? "" : holder + ", ";
        var count = ParseStatement($"if (++{Counter(site)} == {Guard}.LoopBatch) {{ {Guard}.Charge({charged}{site}, {Guard}.LoopBatch); {Counter(site)} = 0; }}");
        return statement is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, count))
            : Block(count, statement);
    }

    /// <summary>
    /// <c>{ Guard.Step(site); int n = 0; loop }</c> on the loop's own line,
    /// keeping its trivia. No try/finally (a method with one is not inlined
    /// into the kernel's call): the iterations since the last batch are not
    /// charged when the loop ends, but each entry into a loop is, so a call
    /// does at most <c>LoopBatch</c> times its budget in iterations.
    /// </summary>
    private static StatementSyntax Counted(StatementSyntax loop, int site, string? holder) =>
        Block(
                Call("Step", site, holder),
                ParseStatement($"int {Counter(site)} = 0;"),
                loop.WithoutLeadingTrivia().WithoutTrailingTrivia())
            .WithLeadingTrivia(loop.GetLeadingTrivia())
            .WithTrailingTrivia(loop.GetTrailingTrivia());

    private static string Counter(int site) => "__memscript_steps" + site.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>Guard.method(site)</c>, or <c>Guard.method(holder, site)</c> on the instance route.</summary>
    private static StatementSyntax Call(string method, int site, string? holder) =>
        ParseStatement(Guard + "." + method + "(" + (holder is null ? "" : holder + ", ") + site.ToString(System.Globalization.CultureInfo.InvariantCulture) + ");");
}
