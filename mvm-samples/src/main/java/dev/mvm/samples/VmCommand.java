package dev.mvm.samples;

import dev.mvm.api.ExitStatus;
import dev.mvm.api.MvmException;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What {@code mvm run} and {@code mvm boot} share: build a VM from the options, run it as the
 * machine options ask, and turn every way it can go wrong into a message and an exit code,
 * never a stack trace.
 */
abstract class VmCommand implements Callable<Integer> {
  final InputStream in;
  final PrintStream out;
  final PrintStream err;

  @Mixin MachineOptions machine = new MachineOptions();

  VmCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /**
   * Applies the command's own options.
   *
   * @param builder the builder, with the machine options applied
   * @return the title of the VM's window
   * @throws IOException if a file the options name cannot be read
   */
  abstract String configure(VmBuilder builder) throws IOException;

  /**
   * The command's exit code for how the run ended; prints what the user should know.
   *
   * @param vm the VM after the run
   * @param status how it ended
   * @return the exit code
   */
  abstract int exitCode(Vm vm, ExitStatus status);

  @Override
  public final Integer call() {
    try {
      VmBuilder builder = Vm.builder();
      machine.configure(builder);
      String title = configure(builder);
      try (Vm vm = builder.build()) {
        ExitStatus status = machine.execute(vm, title, in, out, err);
        out.flush();
        return exitCode(vm, status);
      }
    } catch (MvmException | IllegalArgumentException | IllegalStateException e) {
      err.println("mvm: " + e.getMessage());
      return MvmCommand.EXIT_FAULT;
    } catch (IOException e) {
      err.println("mvm: " + e);
      return MvmCommand.EXIT_FAULT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("mvm: interrupted");
      return MvmCommand.EXIT_LIMIT;
    }
  }
}
