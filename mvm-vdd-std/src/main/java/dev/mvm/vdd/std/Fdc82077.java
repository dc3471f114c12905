package dev.mvm.vdd.std;

import dev.mvm.api.vdd.DmaChannel;
import dev.mvm.api.vdd.IrqLine;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One Intel 82077AA floppy disk controller in PC-AT mode, with up to four drives, without knowing
 * where it lives: {@link VFlpy} gives it its ports by offset, its interrupt line, its DMA channel
 * and the drives' images.
 *
 * <p>Modelled from the 82077AA datasheet (Intel, 1994). Registers by offset: 2 the digital output
 * register (drive select, reset, DMA and interrupt gate, motor enables; read back as written), 3
 * the tape drive register (bits 0&ndash;1; the others tri-state, read as 1), 4 the main status
 * register when read (RQM, DIO, non-DMA execution, busy, and a drive-busy bit from a seek until
 * its status is sensed) and the data rate select register when written (bit 7 a software reset,
 * bits 0&ndash;1 the data rate), 5 the data FIFO, and 7 the digital input register when read
 * (bit 7 the selected drive's disk-change line; the others tri-state, read as 1) and the
 * configuration control register when written (the data rate).
 *
 * <p>Commands: READ DATA, READ DELETED DATA, READ TRACK, VERIFY, WRITE DATA, WRITE DELETED DATA,
 * FORMAT TRACK, READ ID, RECALIBRATE, SEEK and RELATIVE SEEK, SENSE INTERRUPT STATUS, SENSE DRIVE
 * STATUS, SPECIFY, CONFIGURE (implied seek, FIFO, polling, precompensation track), VERSION (90h),
 * LOCK, DUMPREG and PERPENDICULAR MODE. Anything else, the scan commands among them, is an invalid
 * command: one result byte, 80h, and no interrupt.
 *
 * <p>A reset (the DOR's reset bit held low and released, or the DSR's software reset) ends any
 * command and, with drive polling enabled (CONFIGURE's POLL bit clear, the default), interrupts
 * with a "ready changed" status for each of the four drives, which four SENSE INTERRUPT STATUS
 * commands read as C0h to C3h. The CONFIGURE settings return to their defaults unless LOCK is on;
 * SPECIFY's survive. The controller's present cylinder numbers return to 0, but the heads stay
 * where they are: the drive is not reset.
 *
 * <p>Data moves through the DMA channel, gated by the DOR's DMA bit like the interrupt: the
 * controller moves a sector, and ends the command normally when the channel reaches terminal
 * count, or abnormally with an overrun (ST1 OR) when the channel stops short of it. Without a
 * terminal count, a transfer ends at the end of the cylinder with ST1 EN, as on the chip. A
 * multi-track command (MT) goes on from the last sector of head 0 to sector 1 of head 1. The
 * sector field's EOT is taken as the track's last sector when it is larger, as QEMU's
 * controller does and as SeaBIOS, which asks for sector + count &minus; 1, relies on.
 *
 * <p>The medium is an image: its tracks hold sectors 1 to the sectors per track of 512 bytes (N =
 * 2) with MFM encoding at the data rate of its format (500 kbit/s for 1.2M and 1.44M, 250 kbit/s
 * for 720K, 250 or 300 kbit/s for 5.25-inch double density, 1 Mbit/s for 2.88M). A command that
 * finds no medium, reads in FM, at another data rate, or on a cylinder or head the image has not
 * got, finds no address mark (ST1 MA); a sector that is not on the track under the head is not
 * found (ST1 ND, with ST2 WC when the cylinder differs). A read-only image refuses writes and
 * formats with ST1 NW. The command's cylinder must be the one under the head: SEEK first, or turn
 * implied seeks on with CONFIGURE.
 *
 * <p>Not modelled: timing (every command completes as its last byte arrives, and its interrupt is
 * raised then), motors (a drive reads with its motor off), the FIFO threshold, deleted-data marks
 * (an image has none: READ DELETED DATA reads its sectors as READ DATA does, and WRITE DELETED
 * DATA writes ordinary ones), power-down, and the non-DMA mode: when SPECIFY chooses it, nobody
 * feeds the FIFO and a data command ends with an overrun.
 */
final class Fdc82077 {

  /** One drive and the image in it. */
  static final class Drive {
    /** The image, or null for an empty drive (or none at all). */
    @Nullable DiskUnit disk;
    /** Whether a drive is connected at this select: its track-0 sensor answers. */
    boolean connected;
    /** The cylinder under the heads. */
    int cylinder;
    /** The disk-change line: set at power-on, cleared by a step with a disk in the drive. */
    boolean changed = true;
  }

  // Main status register bits.
  static final int MSR_RQM = 0x80;
  static final int MSR_DIO = 0x40;
  static final int MSR_BUSY = 0x10;

  // ST0 bits.
  static final int ST0_ABNORMAL = 0x40;
  static final int ST0_INVALID = 0x80;
  static final int ST0_POLLED = 0xC0;
  static final int ST0_SEEK_END = 0x20;
  static final int ST0_EQUIPMENT_CHECK = 0x10;

  // ST1 bits.
  static final int ST1_END_OF_CYLINDER = 0x80;
  static final int ST1_DATA_ERROR = 0x20;
  static final int ST1_OVERRUN = 0x10;
  static final int ST1_NO_DATA = 0x04;
  static final int ST1_NOT_WRITABLE = 0x02;
  static final int ST1_MISSING_ADDRESS_MARK = 0x01;

  // ST2 bits.
  static final int ST2_CONTROL_MARK = 0x40;
  static final int ST2_WRONG_CYLINDER = 0x10;

  // DOR bits.
  static final int DOR_RESET = 0x04;
  static final int DOR_DMA_GATE = 0x08;

  /** How many step pulses RECALIBRATE gives before it reports an equipment check. */
  static final int RECALIBRATE_STEPS = 79;

  private static final int SECTOR = DiskUnit.SECTOR;

  private enum Phase {
    COMMAND,
    RESULT
  }

  final Drive[] drives = {new Drive(), new Drive(), new Drive(), new Drive()};
  private final DmaChannel dma;
  private final IrqLine irq;
  private final System.Logger logger;

  private int dor;
  private int tdr;
  private int dataRate = 2;
  private Phase phase = Phase.COMMAND;
  private final int[] command = new int[9];
  private int commandLength;
  private int received;
  private final int[] result = new int[10];
  private int resultLength;
  private int resultIndex;
  /** The controller's idea of each drive's cylinder. */
  private final int[] pcn = new int[4];
  /** The status each drive waits to report to SENSE INTERRUPT STATUS, or -1. */
  private final int[] pendingStatus = {-1, -1, -1, -1};
  /** The controller's INT output, before the DOR's gate. */
  private boolean interrupt;

  // SPECIFY, CONFIGURE, LOCK, PERPENDICULAR MODE and the last EOT, for DUMPREG.
  private int stepRateHeadUnload;
  private int headLoadNonDma;
  private int configure = 0x20; // implied seek off, FIFO disabled, polling on, threshold 1
  private int precompensationTrack;
  private boolean lock;
  private int perpendicular;
  private int lastEndOfTrack;

  /**
   * @param dma the DMA channel the controller's DRQ and DACK go to
   * @param irq the interrupt line its INT output drives
   * @param logger where host failures to read or write an image are logged
   */
  Fdc82077(DmaChannel dma, IrqLine irq, System.Logger logger) {
    this.dma = dma;
    this.irq = irq;
    this.logger = logger;
  }

  /**
   * The hardware RESET input: the DOR cleared (so the controller is held in reset), data rate
   * 250 kbit/s, SPECIFY's values and LOCK cleared. The drives keep their heads and images.
   */
  void hardwareReset() {
    dor = 0;
    tdr = 0;
    dataRate = 2;
    stepRateHeadUnload = 0;
    headLoadNonDma = 0;
    lock = false;
    lastEndOfTrack = 0;
    perpendicular = 0;
    enterReset();
    updateIrq();
  }

  /**
   * Leaves the controller as a PC BIOS's POST does: out of reset, DMA and interrupts enabled, no
   * status waiting, and the data rate of drive 0's medium.
   */
  void biosReady() {
    hardwareReset();
    dor = DOR_RESET | DOR_DMA_GATE;
    DiskUnit disk = drives[0].disk;
    if (disk != null) {
      dataRate = mediumRates(disk)[0];
    }
  }

  // ---- registers -----------------------------------------------------------------------------

  /**
   * Reads a register.
   *
   * @param offset 0 to 7 from the controller's base
   * @return the byte
   */
  int read(int offset) {
    return switch (offset) {
      case 2 -> dor;
      case 3 -> 0xFC | tdr;
      case 4 -> mainStatus();
      case 5 -> readData();
      case 7 -> 0x7F | (drives[dor & 3].changed ? 0x80 : 0);
      default -> 0xFF;
    };
  }

  /**
   * Writes a register.
   *
   * @param offset 0 to 7 from the controller's base
   * @param value the byte
   */
  void write(int offset, int value) {
    switch (offset) {
      case 2 -> writeDor(value);
      case 3 -> tdr = value & 0x03;
      case 4 -> {
        dataRate = value & 0x03;
        if ((value & 0x80) != 0 && (dor & DOR_RESET) != 0) {
          enterReset(); // a software reset: a pulse, over at once
          leaveReset();
        }
      }
      case 5 -> writeData(value);
      case 7 -> dataRate = value & 0x03;
      default -> {} // 0, 1 (PS/2 status registers) and 6 (the hard disk's) are not ours
    }
    updateIrq();
  }

  private void writeDor(int value) {
    boolean wasRunning = (dor & DOR_RESET) != 0;
    dor = value & 0xFF;
    boolean running = (dor & DOR_RESET) != 0;
    if (wasRunning && !running) {
      enterReset();
    } else if (!wasRunning && running) {
      leaveReset();
    }
  }

  private int mainStatus() {
    if ((dor & DOR_RESET) == 0) {
      return 0;
    }
    int status = 0;
    for (int i = 0; i < 4; i++) {
      if (pendingStatus[i] >= 0 && (pendingStatus[i] & ST0_POLLED) != ST0_POLLED) {
        status |= 1 << i; // seeking until the status is sensed
      }
    }
    if (phase == Phase.RESULT) {
      return status | MSR_RQM | MSR_DIO | MSR_BUSY;
    }
    return status | MSR_RQM | (received > 0 ? MSR_BUSY : 0);
  }

  private void enterReset() {
    phase = Phase.COMMAND;
    received = 0;
    resultLength = 0;
    resultIndex = 0;
    interrupt = false;
    Arrays.fill(pendingStatus, -1);
    Arrays.fill(pcn, 0);
    if (!lock) {
      configure = 0x20;
      precompensationTrack = 0;
    }
    perpendicular &= 0x3C; // the drive bits survive a software reset, GAP and WGATE do not
  }

  private void leaveReset() {
    if ((configure & 0x10) == 0) { // polling on: each drive reports a ready change
      for (int i = 0; i < 4; i++) {
        pendingStatus[i] = ST0_POLLED | i;
      }
      interrupt = true;
    }
  }

  private void updateIrq() {
    if (interrupt && (dor & DOR_DMA_GATE) != 0) {
      irq.raise();
    } else {
      irq.lower();
    }
  }

  private int readData() {
    if ((dor & DOR_RESET) == 0 || phase != Phase.RESULT) {
      return 0xFF;
    }
    interrupt = false; // reading the result clears the interrupt
    int value = result[resultIndex++];
    if (resultIndex >= resultLength) {
      phase = Phase.COMMAND;
      received = 0;
    }
    updateIrq();
    return value;
  }

  private void writeData(int value) {
    if ((dor & DOR_RESET) == 0 || phase != Phase.COMMAND) {
      return;
    }
    if (received == 0) {
      commandLength = commandLength(value);
      if (commandLength == 0) {
        finish(ST0_INVALID);
        return;
      }
    }
    command[received++] = value & 0xFF;
    if (received == commandLength) {
      execute();
    }
  }

  /** The bytes of a command by its first byte, or 0 for an invalid command. */
  private static int commandLength(int first) {
    return switch (first & 0x1F) {
      case 0x06, 0x0C, 0x16 -> 9; // read, read deleted, verify
      case 0x05, 0x09 -> (first & 0x20) == 0 ? 9 : 0; // write, write deleted: no skip bit
      case 0x02 -> (first & 0xA0) == 0 ? 9 : 0; // read track: neither multi-track nor skip
      case 0x0D -> (first & 0xA0) == 0 ? 6 : 0; // format track
      case 0x0A -> (first & 0xA0) == 0 ? 2 : 0; // read ID
      case 0x07 -> first == 0x07 ? 2 : 0; // recalibrate
      case 0x08 -> first == 0x08 ? 1 : 0; // sense interrupt status
      case 0x03 -> first == 0x03 ? 3 : 0; // specify
      case 0x04 -> first == 0x04 ? 2 : 0; // sense drive status
      case 0x0F -> first == 0x0F || (first & 0xBF) == 0x8F ? 3 : 0; // seek, relative seek
      case 0x13 -> first == 0x13 ? 4 : 0; // configure
      case 0x10 -> first == 0x10 ? 1 : 0; // version
      case 0x14 -> (first & 0x7F) == 0x14 ? 1 : 0; // lock
      case 0x0E -> first == 0x0E ? 1 : 0; // dumpreg
      case 0x12 -> first == 0x12 ? 2 : 0; // perpendicular mode
      default -> 0;
    };
  }

  private void execute() {
    received = 0;
    int opcode = command[0];
    switch (opcode & 0x1F) {
      case 0x06, 0x0C, 0x02, 0x16, 0x05, 0x09 -> transfer();
      case 0x0D -> formatTrack();
      case 0x0A -> readId();
      case 0x07 -> recalibrate();
      case 0x08 -> senseInterruptStatus();
      case 0x03 -> {
        stepRateHeadUnload = command[1];
        headLoadNonDma = command[2];
      }
      case 0x04 -> senseDriveStatus();
      case 0x0F -> seek();
      case 0x13 -> {
        configure = command[2];
        precompensationTrack = command[3];
      }
      case 0x10 -> finish(0x90);
      case 0x14 -> {
        lock = (opcode & 0x80) != 0;
        finish(lock ? 0x10 : 0x00);
      }
      case 0x0E -> finish(pcn[0], pcn[1], pcn[2], pcn[3], stepRateHeadUnload, headLoadNonDma,
          lastEndOfTrack, (lock ? 0x80 : 0) | perpendicular, configure, precompensationTrack);
      case 0x12 -> {
        if ((command[1] & 0x80) != 0) {
          perpendicular = (perpendicular & 0x03) | (command[1] & 0x3C);
        }
        perpendicular = (perpendicular & 0x3C) | (command[1] & 0x03);
      }
      default -> finish(ST0_INVALID);
    }
  }

  /** Enters the result phase with these bytes. */
  private void finish(int... bytes) {
    System.arraycopy(bytes, 0, result, 0, bytes.length);
    resultLength = bytes.length;
    resultIndex = 0;
    phase = Phase.RESULT;
  }

  /** Ends a command with a result and an interrupt. */
  private void finishWithInterrupt(int... bytes) {
    finish(bytes);
    interrupt = true;
  }

  // ---- seeks and status ----------------------------------------------------------------------

  private void seek() {
    int select = command[1];
    int ds = select & 3;
    int target;
    if ((command[0] & 0x80) != 0) { // relative seek: bit 6 says inwards
      int steps = command[2];
      target = (command[0] & 0x40) != 0 ? pcn[ds] + steps : pcn[ds] - steps;
      target &= 0xFF;
    } else {
      target = command[2];
    }
    step(ds, target - pcn[ds]);
    pcn[ds] = target;
    pendingStatus[ds] = ST0_SEEK_END | (select & 4) | ds;
    interrupt = true;
  }

  private void recalibrate() {
    int ds = command[1] & 3;
    Drive d = drives[ds];
    int steps = Math.min(d.connected ? d.cylinder : RECALIBRATE_STEPS, RECALIBRATE_STEPS);
    step(ds, -steps);
    pcn[ds] = 0;
    boolean atTrack0 = d.connected && d.cylinder == 0;
    pendingStatus[ds] = atTrack0
        ? ST0_SEEK_END | ds
        : ST0_ABNORMAL | ST0_SEEK_END | ST0_EQUIPMENT_CHECK | ds;
    interrupt = true;
  }

  /** Step pulses to a drive: the heads move, and a disk in the drive clears disk change. */
  private void step(int ds, int steps) {
    Drive d = drives[ds];
    if (steps == 0 || !d.connected) {
      return;
    }
    d.cylinder = Math.max(0, Math.min(255, d.cylinder + steps));
    if (d.disk != null) {
      d.changed = false;
    }
  }

  private void senseInterruptStatus() {
    interrupt = false;
    for (int i = 0; i < 4; i++) {
      if (pendingStatus[i] >= 0) {
        int st0 = pendingStatus[i];
        pendingStatus[i] = -1;
        finish(st0, pcn[i]);
        return;
      }
    }
    finish(ST0_INVALID);
  }

  private void senseDriveStatus() {
    int select = command[1];
    Drive d = drives[select & 3];
    DiskUnit disk = d.disk;
    boolean protect = disk == null || !disk.writable;
    finish((protect ? 0x40 : 0) | 0x20 | (d.connected && d.cylinder == 0 ? 0x10 : 0) | 0x08
        | (select & 7));
  }

  // ---- the medium ----------------------------------------------------------------------------

  /** The data rates (CCR codes) a medium is written at. */
  private static int[] mediumRates(DiskUnit disk) {
    return switch (disk.floppyType) {
      case 2, 4 -> new int[] {0}; // 1.2M, 1.44M: 500 kbit/s
      case 3 -> new int[] {2}; // 720K: 250 kbit/s
      case 6 -> new int[] {3}; // 2.88M: 1 Mbit/s
      default -> new int[] {2, 1}; // 5.25-inch double density: 250, or 300 in a 1.2M drive
    };
  }

  /** The disk under a head, if the controller can read its address marks there. */
  private @Nullable DiskUnit readable(Drive d, int head) {
    DiskUnit disk = d.disk;
    if (disk == null || (command[0] & 0x40) == 0 || d.cylinder >= disk.cylinders
        || head >= disk.heads) {
      return null;
    }
    for (int rate : mediumRates(disk)) {
      if (rate == dataRate) {
        return disk;
      }
    }
    return null;
  }

  private void readId() {
    int select = command[1];
    int ds = select & 3;
    int head = (select >>> 2) & 1;
    Drive d = drives[ds];
    DiskUnit disk = readable(d, head);
    if (disk == null) {
      finishWithInterrupt(ST0_ABNORMAL | (select & 7), ST1_MISSING_ADDRESS_MARK, 0,
          d.cylinder, head, 1, 2);
      return;
    }
    finishWithInterrupt(select & 7, 0, 0, d.cylinder, head, 1, 2);
  }

  /**
   * READ DATA, READ DELETED DATA, READ TRACK, VERIFY, WRITE DATA and WRITE DELETED DATA: sector by
   * sector from the command's C, H, R, until terminal count, an error, or the end of the cylinder.
   */
  private void transfer() {
    int opcode = command[0];
    int function = opcode & 0x1F;
    boolean writing = function == 0x05 || function == 0x09;
    boolean verify = function == 0x16;
    boolean multiTrack = (opcode & 0x80) != 0;
    int select = command[1];
    int ds = select & 3;
    int physicalHead = (select >>> 2) & 1;
    int c = command[2];
    int h = command[3];
    int r = function == 0x02 ? 1 : command[4]; // READ TRACK starts at the index hole
    int n = command[5];
    int eot = command[6];
    lastEndOfTrack = eot;
    // VERIFY with EC (bit 7 of byte 1) counts SC sectors in the last byte instead of up to EOT.
    int sectorCount = verify && (select & 0x80) != 0 ? command[8] : Integer.MAX_VALUE;
    Drive d = drives[ds];
    if ((configure & 0x40) != 0 && c != d.cylinder) { // implied seek
      step(ds, c - pcn[ds]);
      pcn[ds] = c;
    }
    DiskUnit disk = readable(d, physicalHead);
    if (disk == null) {
      end(ST0_ABNORMAL, physicalHead, ds, ST1_MISSING_ADDRESS_MARK, 0, c, h, r, n);
      return;
    }
    if (writing && !disk.writable) {
      end(ST0_ABNORMAL, physicalHead, ds, ST1_NOT_WRITABLE, 0, c, h, r, n);
      return;
    }
    boolean dmaMode = (headLoadNonDma & 1) == 0 && (dor & DOR_DMA_GATE) != 0;
    int lastSector = Math.min(eot, disk.sectorsPerTrack);
    int moved = 0;
    while (true) {
      if (c != d.cylinder || h != physicalHead || n != 2 || r < 1 || r > disk.sectorsPerTrack) {
        end(ST0_ABNORMAL, physicalHead, ds, ST1_NO_DATA,
            c != d.cylinder ? ST2_WRONG_CYLINDER : 0, c, h, r, n);
        return;
      }
      long lba = disk.lba(d.cylinder, physicalHead, r);
      boolean terminalCount = false;
      if (!verify) {
        if (!dmaMode) {
          end(ST0_ABNORMAL, physicalHead, ds, ST1_OVERRUN, 0, c, h, r, n);
          return;
        }
        byte[] data = new byte[SECTOR];
        int count;
        try {
          if (writing) {
            count = dma.read(data, 0, SECTOR);
            terminalCount = dma.terminalCount();
            if (count == SECTOR || terminalCount) {
              disk.write(lba, data); // a sector cut short by terminal count ends in zeros
            }
          } else {
            data = disk.read(lba, 1);
            count = dma.write(data, 0, SECTOR);
            terminalCount = dma.terminalCount();
          }
        } catch (IOException e) {
          logger.log(System.Logger.Level.WARNING, "VDD " + VFlpy.ID + ": "
              + (writing ? "writing" : "reading") + " sector " + lba + " of " + disk + " failed", e);
          end(ST0_ABNORMAL, physicalHead, ds, ST1_DATA_ERROR, 0, c, h, r, n);
          return;
        }
        if (count < SECTOR && !terminalCount) {
          end(ST0_ABNORMAL, physicalHead, ds, ST1_OVERRUN, 0, c, h, r, n);
          return;
        }
      }
      moved++;
      int lastHead = physicalHead;
      boolean lastOfTrack = r >= lastSector;
      boolean cylinderDone = lastOfTrack && !(multiTrack && physicalHead == 0 && disk.heads > 1);
      // The sector after this one, as the result reports it.
      if (!lastOfTrack) {
        r++;
      } else if (!cylinderDone) {
        physicalHead = 1;
        h = 1;
        r = 1;
      } else {
        c++;
        if (multiTrack) {
          h ^= 1;
          physicalHead = 0;
        }
        r = 1;
      }
      // ST0 names the head of the last sector moved; C, H, R name the sector after it.
      if (terminalCount || (verify && moved >= sectorCount)) {
        end(0, lastHead, ds, 0, 0, c, h, r, n);
        return;
      }
      if (cylinderDone) {
        if (verify && sectorCount == Integer.MAX_VALUE) {
          end(0, lastHead, ds, 0, 0, c, h, r, n); // VERIFY to EOT ends normally there
        } else {
          end(ST0_ABNORMAL, lastHead, ds, ST1_END_OF_CYLINDER, 0, c, h, r, n);
        }
        return;
      }
    }
  }

  /** FORMAT TRACK: the IDs come through DMA, four bytes a sector; each sector gets the filler. */
  private void formatTrack() {
    int select = command[1];
    int ds = select & 3;
    int head = (select >>> 2) & 1;
    int n = command[2];
    int sectors = command[3];
    int filler = command[5];
    Drive d = drives[ds];
    DiskUnit inserted = d.disk;
    if (inserted == null) {
      end(ST0_ABNORMAL, head, ds, ST1_MISSING_ADDRESS_MARK, 0, d.cylinder, head, 1, n);
      return;
    }
    if (!inserted.writable) {
      end(ST0_ABNORMAL, head, ds, ST1_NOT_WRITABLE, 0, d.cylinder, head, 1, n);
      return;
    }
    // Null when the image cannot hold this track (a head or cylinder it has not got, FM, or
    // another data rate): the format goes through and changes nothing.
    DiskUnit disk = readable(d, head);
    boolean dmaMode = (headLoadNonDma & 1) == 0 && (dor & DOR_DMA_GATE) != 0;
    byte[] id = new byte[4];
    int lastR = 1;
    for (int i = 0; i < sectors; i++) {
      int count = dmaMode ? dma.read(id, 0, 4) : 0;
      if (count < 4) {
        end(ST0_ABNORMAL, head, ds, ST1_OVERRUN, 0, d.cylinder, head, lastR, n);
        return;
      }
      lastR = id[2] & 0xFF;
      // An image holds the standard layout only: sector R of this track, 512 bytes.
      if (disk != null && (id[3] & 0xFF) == 2 && n == 2 && lastR >= 1
          && lastR <= disk.sectorsPerTrack) {
        byte[] fill = new byte[SECTOR];
        Arrays.fill(fill, (byte) filler);
        long lba = disk.lba(d.cylinder, head, lastR);
        try {
          disk.write(lba, fill);
        } catch (IOException e) {
          logger.log(System.Logger.Level.WARNING,
              "VDD " + VFlpy.ID + ": formatting sector " + lba + " of " + disk + " failed", e);
          end(ST0_ABNORMAL, head, ds, ST1_DATA_ERROR, 0, d.cylinder, head, lastR, n);
          return;
        }
      }
      if (dma.terminalCount() && i < sectors - 1) {
        break; // the host stopped the format early: the rest of the track is left as it was
      }
    }
    end(0, head, ds, 0, 0, d.cylinder, head, lastR, n);
  }

  /** The result phase of a data command: ST0 ST1 ST2 C H R N, with an interrupt. */
  private void end(int interruptCode, int head, int ds, int st1, int st2, int c, int h, int r,
      int n) {
    finishWithInterrupt(interruptCode | head << 2 | ds, st1, st2, c & 0xFF, h & 0xFF, r & 0xFF,
        n & 0xFF);
  }
}
