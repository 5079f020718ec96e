// The compiler's Roslyn stage is internal; the tests reach it to feed
// hand-written generated sources through the same path the front end uses.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("MemScript.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("MemScript.Bench")]
