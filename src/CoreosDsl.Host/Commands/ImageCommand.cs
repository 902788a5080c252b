using System.CommandLine;
using System.Text.Json.Nodes;
using CoreosDsl.Images;
using CoreosDsl.Images.Syslinux;
using CoreosDsl.Images.Usb;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// <c>image iso|usb --stock STOCK.iso [--out PATH] [--config-url URL | --config-drive] [--size 2048M] [--syslinux DIR]</c>:
/// bootable images of the workers made from a stock CoreOS/Flatcar ISO (see <see cref="WorkerImages"/>).
/// </summary>
internal static class ImageCommand
{
    private enum Kind
    {
        Iso,
        Usb,
    }

    public static Command Create(HostContext context)
    {
        var command = new Command("image", "Build bootable images of the workers from a stock CoreOS/Flatcar ISO.")
        {
            CreateKind(context, Kind.Iso),
            CreateKind(context, Kind.Usb),
        };
        command.SetAction((Func<ParseResult, int>)(_ => throw new UsageException(
            "which image? 'image iso --stock STOCK.iso' (a remastered ISO) or 'image usb --stock STOCK.iso' (a USB disk image); see 'image iso --help'")));
        return command;
    }

    private static Command CreateKind(HostContext context, Kind kind)
    {
        var extension = kind == Kind.Iso ? ".iso" : ".img";
        var stock = new Option<string>("--stock")
        {
            Description = "The stock CoreOS/Flatcar ISO to build from.",
            Required = true,
            HelpName = "STOCK.iso",
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = $"The image to write (one worker), or the folder for NAME{extension} of each worker; default: out/NAME{extension}.",
            HelpName = "PATH",
        };
        var configUrl = new Option<Uri?>("--config-url")
        {
            Description = "Boot with cloud-config-url=URL (the seed's web server); default: the worker's own URL.",
            HelpName = "URL",
            CustomParser = r => CommonOptions.HttpUrl(r, "--config-url"),
        };
        var configDrive = new Option<bool>("--config-drive")
        {
            Description = kind == Kind.Iso
                ? "Put the cloud-config on a config-2 drive (NAME.config-2.iso beside the image) and boot with coreos.configdrive=1."
                : "Put the cloud-config on a second partition labelled config-2 and boot with coreos.configdrive=1.",
        };
        var worker = CommonOptions.Worker();
        var json = CommonOptions.Json();
        var command = new Command(kind == Kind.Iso ? "iso" : "usb", kind == Kind.Iso
            ? "A remastered ISO whose isolinux.cfg boots the worker (El Torito and isohybrid boot kept)."
            : "The seed's bootable USB stick as a disk image: MBR, FAT partition with the ISO's files, syslinux.")
        {
            stock, output, configUrl, configDrive, worker, json,
        };
        Option<long>? size = null;
        Option<string?>? syslinux = null;
        if (kind == Kind.Usb)
        {
            size = new Option<long>("--size")
            {
                Description = "The boot partition's size, in whole MiB (like fdisk's +2048M).",
                DefaultValueFactory = _ => UsbImageOptions.DefaultPartitionSize,
                HelpName = "SIZE",
                CustomParser = r => !SizeArgument.TryParse(r.Tokens[0].Value, out var bytes, out var error) ? CommonOptions.Fail<long>(r, error!)
                    : bytes % (1 << 20) != 0 || bytes <= 0 ? CommonOptions.Fail<long>(r, $"--size must be a positive whole number of MiB, found {r.Tokens[0].Value}")
                    : bytes > UsbImage.MaxPartitionSize ? CommonOptions.Fail<long>(r, $"--size {r.Tokens[0].Value} is larger than a USB image's boot partition can be: " +
                        $"at most {UsbImage.MaxPartitionSize >> 20}M (an MBR addresses 2 TiB)")
                    : bytes,
            };
            syslinux = new Option<string?>("--syslinux")
            {
                Description = "A syslinux build (ldlinux.bss, ldlinux.sys, ldlinux.c32) for the managed installer; default: the host's syslinux.",
                HelpName = "DIR",
            };
            command.Options.Add(size);
            command.Options.Add(syslinux);
        }

        command.Validators.Add(r =>
        {
            if (r.GetValue(configDrive) && r.GetResult(configUrl) is not null)
            {
                r.AddError("--config-drive and --config-url exclude each other: the config travels on the drive or comes from the URL");
            }
        });
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(context, kind, new Settings(
            result.GetValue(stock)!,
            result.GetValue(output),
            result.GetValue(configUrl),
            result.GetValue(configDrive),
            size is null ? UsbImageOptions.DefaultPartitionSize : result.GetValue(size),
            syslinux is null ? null : result.GetValue(syslinux),
            result.GetValue(worker),
            result.GetValue(json)), cancellationToken)));
        return command;
    }

    private sealed record Settings(string Stock, string? Output, Uri? ConfigUrl, bool ConfigDrive, long Size, string? Syslinux, string[]? Workers, bool Json);

    private static int Run(HostContext context, Kind kind, Settings settings, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var workers = context.Select(settings.Workers);
        var extension = kind == Kind.Iso ? ".iso" : ".img";
        var targets = Targets(workers, settings.Output, extension);
        foreach (var (_, path) in targets)
        {
            if (FileKind.Special(path) is { } special)
            {
                // Writing beside it and renaming would replace the device node with a file (and write nothing to the disk).
                throw new UsageException($"--out {path} is {special}, not an image file: write the image to a file, then put it on a USB stick " +
                    $"with 'flash --image FILE --device {path}'");
            }
        }

        var distribution = settings.Syslinux is null ? null : SyslinuxDistribution.FromDirectory(settings.Syslinux);
        if (kind == Kind.Usb && distribution is null && !HostSyslinux.IsAvailable)
        {
            // Checked before any work, so the user learns both ways out at once.
            throw new ExternalToolException("syslinux", "no syslinux to install on the USB image: install the host's ('apt-get install syslinux mtools'), " +
                "or give a syslinux build for the managed installer with --syslinux DIR (ldlinux.bss, ldlinux.sys and ldlinux.c32 of one version)");
        }

        var report = new JsonArray();
        foreach (var (worker, path) in targets)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var result = ProgressDisplay.Run(console, settings.Json, $"{worker.Name} {kind.ToString().ToLowerInvariant()}", progress => kind == Kind.Iso
                ? WorkerImages.CreateIso(worker, settings.Stock, path,
                    new IsoImageRequest { ConfigUrl = settings.ConfigUrl, ConfigDrive = settings.ConfigDrive }, progress, cancellationToken)
                : WorkerImages.CreateUsb(worker, settings.Stock, path,
                    new UsbImageRequest { ConfigUrl = settings.ConfigUrl, ConfigDrive = settings.ConfigDrive, Size = settings.Size, SyslinuxDistribution = distribution },
                    progress, cancellationToken));
            foreach (var warning in result.Warnings)
            {
                console.WriteWarning($"{worker.Name}: {warning}");
            }

            report.Add(new JsonObject
            {
                ["name"] = worker.Name,
                ["image"] = result.Path,
                ["size"] = result.Size,
                ["configDrive"] = result.ConfigDrivePath,
                ["bootConfig"] = result.BootConfigPath,
                ["append"] = result.Boot.AppendLine(),
            });
            if (!settings.Json)
            {
                console.Line($"[green]{Markup.Escape(worker.Name)}[/]: wrote {Markup.Escape(result.Path)} ({SizeArgument.Format(result.Size)})",
                    $"{worker.Name}: wrote {result.Path} ({SizeArgument.Format(result.Size)})");
                console.Line($"  {result.BootConfigPath}: APPEND {result.Boot.AppendLine()}");
                if (result.ConfigDrivePath is not null)
                {
                    console.Line($"  config drive: {result.ConfigDrivePath} (attach it as a second drive)");
                }
            }
        }

        if (settings.Json)
        {
            console.WriteJson(new JsonObject { ["images"] = report });
        }

        return WorkerHost.Success;
    }

    /// <summary>One worker: --out is the image. Several: --out is a folder holding NAME.ext of each.</summary>
    private static List<(WorkerDefinition Worker, string Path)> Targets(IReadOnlyList<WorkerDefinition> workers, string? output, string extension)
    {
        if (workers.Count == 1)
        {
            var single = output is null ? Path.Combine("out", workers[0].Name + extension)
                : Directory.Exists(output) ? Path.Combine(output, workers[0].Name + extension)
                : output;
            return [(workers[0], single)];
        }

        if (output is not null && (File.Exists(output) || Path.HasExtension(output) && !Directory.Exists(output)))
        {
            throw new UsageException($"this project defines {workers.Count} workers, so --out names a folder for their images, not the file {output}; " +
                "or choose one worker with --worker NAME");
        }

        return workers.Select(w => (w, Path.Combine(output ?? "out", w.Name + extension))).ToList();
    }
}
