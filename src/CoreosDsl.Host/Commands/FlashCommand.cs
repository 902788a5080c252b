using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// <c>flash --image FILE --device /dev/sdX [--yes] [--json]</c>: writes an image to a USB stick like the seed's
/// <c>dd</c>, after refusing unsafe devices (see <see cref="DeviceSafety"/>) and asking for confirmation; syncs and
/// verifies by reading back.
/// </summary>
internal static class FlashCommand
{
    public static Command Create(HostContext context)
    {
        var image = new Option<string>("--image", "-i") { Description = "The image to write (from 'image usb' or 'image iso').", Required = true, HelpName = "FILE" };
        var device = new Option<string>("--device", "-d") { Description = "The USB stick's whole-disk device, such as /dev/sdb.", Required = true, HelpName = "DEVICE" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (the safety checks still run)." };
        var systemRoot = new Option<string>("--system-root")
        {
            Description = "Where sys/ and proc/ are read from (for tests with a fake tree).",
            DefaultValueFactory = _ => "/",
            Hidden = true,
        };
        var json = CommonOptions.Json();
        var command = new Command("flash", "Write an image to a USB stick: refuses non-removable, mounted and system disks, asks first, syncs and verifies.")
        {
            image, device, yes, json, systemRoot,
        };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(context, result.GetValue(image)!, result.GetValue(device)!,
            result.GetValue(yes), result.GetValue(json), result.GetValue(systemRoot)!, cancellationToken)));
        return command;
    }

    private static int Run(HostContext context, string imagePath, string devicePath, bool yes, bool json, string systemRoot, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (Directory.Exists(imagePath))
        {
            var images = Directory.EnumerateFiles(imagePath).Where(f => f.EndsWith(".img", StringComparison.Ordinal) || f.EndsWith(".iso", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList();
            throw new UsageException($"--image {imagePath} is a folder, not an image file: " + (images.Count == 0
                ? "give the image 'image usb' or 'image iso' wrote, such as out/NAME.img"
                : $"give one of its images, such as --image {images[0]}{(images.Count > 1 ? $" ({images.Count} there)" : "")}"));
        }

        if (!File.Exists(imagePath))
        {
            throw new UsageException($"{imagePath}: no such image; build one with 'image usb' or 'image iso'");
        }

        if (Directory.Exists(devicePath))
        {
            throw new UsageException($"--device {devicePath} is a folder, not a disk: give the USB stick's whole-disk device, such as /dev/sdb (see lsblk)");
        }

        if (!File.Exists(devicePath))
        {
            throw new UsageException($"{devicePath}: no such device; plug the stick in and look for it with lsblk");
        }

        var length = new FileInfo(imagePath).Length;
        var (device, refusals) = DeviceSafety.Inspect(devicePath, length, systemRoot);
        if (refusals.Count > 0)
        {
            foreach (var refusal in refusals)
            {
                console.WriteError($"refusing to write {devicePath}: {refusal}");
            }

            if (json)
            {
                console.WriteJson(new JsonObject
                {
                    ["device"] = devicePath,
                    ["written"] = false,
                    ["refusals"] = new JsonArray(refusals.Select(r => (JsonNode)r).ToArray()),
                });
            }

            return WorkerHost.Problems;
        }

        if (!yes)
        {
            if (!console.InputInteractive)
            {
                throw new UsageException($"refusing to write {devicePath} without confirmation: run it in a terminal, or pass --yes");
            }

            console.Error.Write($"Write {imagePath} ({SizeArgument.Format(length)}) to {devicePath} ({device!.Description})? Everything on it is lost. [y/N] ");
            var answer = console.In.ReadLine()?.Trim().ToLowerInvariant();
            if (answer is not ("y" or "yes"))
            {
                console.WriteError("not written");
                return WorkerHost.Problems;
            }
        }

        try
        {
            ProgressDisplay.Run(console, json, $"writing {devicePath}", progress =>
            {
                DeviceWriter.Write(imagePath, devicePath, progress, cancellationToken);
                return true;
            });
        }
        catch (OperationCanceledException)
        {
            // Unlike an image file, a device cannot be written aside and swapped in: say what state it is in.
            console.WriteError($"interrupted: {devicePath} is partly written and will not boot; run flash again to write it completely");
            return WorkerHost.Cancelled;
        }

        long? mismatch;
        try
        {
            mismatch = ProgressDisplay.Run(console, json, $"verifying {devicePath}", progress => DeviceWriter.Verify(imagePath, devicePath, progress, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            console.WriteError($"interrupted: {devicePath} is written completely but not verified; run flash again to verify it");
            return WorkerHost.Cancelled;
        }

        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["device"] = devicePath,
                ["image"] = Path.GetFullPath(imagePath),
                ["bytes"] = length,
                ["written"] = true,
                ["verified"] = mismatch is null,
                ["mismatchOffset"] = mismatch,
            });
        }

        if (mismatch is { } offset)
        {
            console.WriteError($"verify failed: {devicePath} differs from {imagePath} at byte {offset}; the stick may be faulty or fake (its real capacity smaller than it claims)");
            return WorkerHost.Problems;
        }

        if (!json)
        {
            console.Line($"[green]wrote and verified[/] {SizeArgument.Format(length)} on {Markup.Escape(devicePath)}; it is safe to remove",
                $"wrote and verified {length} bytes on {devicePath}; it is safe to remove");
        }

        return WorkerHost.Success;
    }
}
