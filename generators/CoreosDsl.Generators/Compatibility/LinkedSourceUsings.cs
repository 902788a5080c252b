// The linked runtime sources (Linked/...) are written for ImplicitUsings=enable; these are the SDK's implicit usings.
global using System;
global using System.Collections.Generic;
global using System.IO;
global using System.Linq;
global using System.Threading;
global using CoreosDsl.Generators.Compatibility;
