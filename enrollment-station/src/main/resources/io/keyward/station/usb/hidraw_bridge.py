#!/usr/bin/python3
"""USB side of Keyward's simulated keys: fake /dev/hidraw nodes in a umockdev testbed.

Started by io.keyward.station.usb.UmockdevBridge (Java), which owns the simulated keys. This process owns the
umockdev testbed: for each key a hidraw node with the FIDO report descriptor (usage page 0xF1D0) and USB parents,
and a live ioctl/read/write handler. Programs started with LD_PRELOAD=libumockdev-preload.so.0 and UMOCKDEV_DIR
set to the testbed see these nodes as USB FIDO devices (hidapi/hid4java, python-fido2, libfido2...).

Line protocol, one message per line:
  Java -> bridge   add INDEX VID PID SERIAL PRODUCT... | remove INDEX | report INDEX HEX (an input report)
  bridge -> Java   ready ROOT_DIR | added INDEX DEVNODE | removed INDEX | write INDEX HEX (an output report,
                   report id stripped) | error TEXT
The bridge ends when its standard input closes; the testbed directory goes with it.
"""
import os
import shutil
import struct
import sys
import threading

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

# FIDO HID report descriptor (CTAP 2.1 §11.2.8.1): usage page 0xF1D0, usage 0x01, 64-byte input and output reports.
REPORT_DESCRIPTOR = bytes.fromhex("06D0F10901A1010920150026FF007508954081020921150026FF00750895409102C0")
HIDIOCGRDESCSIZE, HIDIOCGRDESC, HIDIOCGRAWINFO = 0x80044801, 0x90044802, 0x80084803
# HIDIOCGRAWNAME/PHYS/UNIQ(len): _IOC(_IOC_READ, 'H', nr, len); the length varies with the caller's buffer.
IOC_NR_NAME, IOC_NR_PHYS, IOC_NR_UNIQ = 0x04, 0x05, 0x08
ENODEV, ENOTTY = 19, 25
BUS_USB = 3
REPORT_SIZE = 64

_out = threading.Lock()


def emit(line):
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def sysfs_record(index, vid, pid, serial, product):
    usb = f"/devices/keyward/usb1/1-{index + 1}"
    hid = f"{usb}/1-{index + 1}:1.0/0003:{vid:04X}:{pid:04X}.{index + 1:04X}"
    return usb, f"""P: {hid}/hidraw/hidraw{index}
N: hidraw{index}
E: DEVNAME=/dev/hidraw{index}
E: MAJOR=240
E: MINOR={index}
E: SUBSYSTEM=hidraw
A: dev=240:{index}
L: device=../../../0003:{vid:04X}:{pid:04X}.{index + 1:04X}

P: {hid}
E: DRIVER=hid-generic
E: HID_ID=0003:{vid:08X}:{pid:08X}
E: HID_NAME={product}
E: HID_PHYS=usb-keyward-{index + 1}/input0
E: HID_UNIQ={serial}
E: SUBSYSTEM=hid
H: report_descriptor={REPORT_DESCRIPTOR.hex().upper()}

P: {usb}/1-{index + 1}:1.0
E: DEVTYPE=usb_interface
E: SUBSYSTEM=usb
A: bInterfaceNumber=00\\n

P: {usb}
E: DEVTYPE=usb_device
E: SUBSYSTEM=usb
E: BUSNUM=001
E: DEVNUM={index + 2:03d}
A: idVendor={vid:04x}\\n
A: idProduct={pid:04x}\\n
A: manufacturer=Keyward\\n
A: product={product}\\n
A: serial={serial}\\n
A: bcdDevice=0100\\n
"""


class SimulatedKeyNode:
    """One fake hidraw node. Input reports from Java are queued and handed to the client's read().

    The node is a pty: hidapi poll()s before read(), and the preload does not intercept poll(). So while at least one
    report is queued, exactly one marker byte is readable on the pty; the client's real read (execute()) drains it
    before the queued report is handed over. A read that finds nothing queued is parked and completed when the next
    report arrives (python-fido2 reads without polling).
    """

    def __init__(self, testbed, index, vid, pid, serial, product):
        self.testbed = testbed
        self.index = index
        self.devnode = f"/dev/hidraw{index}"
        self.vid, self.pid = vid, pid
        self.product, self.serial = product, serial
        self.usb_path, record = sysfs_record(index, vid, pid, serial, product)
        self.lock = threading.Lock()
        self.queue = []
        self.parked = None
        self.present = True
        testbed.add_from_string(record)
        self.handler = UMockdev.IoctlBase()
        self.handler.connect("handle-ioctl", self.on_ioctl)
        self.handler.connect("handle-read", self.on_read)
        self.handler.connect("handle-write", self.on_write)
        testbed.attach_ioctl(self.devnode, self.handler)
        self.pty = testbed.get_dev_fd(self.devnode)

    def on_ioctl(self, _handler, client):
        request = client.get_request()
        arg = client.get_arg()
        number, size = request & 0xFF, (request >> 16) & 0x3FFF
        if request == HIDIOCGRAWINFO:
            arg.resolve(0, 8).update(0, struct.pack("<IHH", BUS_USB, self.vid, self.pid))
        elif request == HIDIOCGRDESCSIZE:
            arg.resolve(0, 4).update(0, struct.pack("<I", len(REPORT_DESCRIPTOR)))
        elif request == HIDIOCGRDESC:
            arg.resolve(0, 4 + len(REPORT_DESCRIPTOR)).update(4, REPORT_DESCRIPTOR)
        elif (request >> 8) & 0xFF == ord("H") and number in (IOC_NR_NAME, IOC_NR_PHYS, IOC_NR_UNIQ) and size:
            text = {IOC_NR_NAME: self.product, IOC_NR_PHYS: f"usb-keyward-{self.index + 1}/input0",
                    IOC_NR_UNIQ: self.serial}[number].encode()[:size - 1] + b"\0"
            arg.resolve(0, size).update(0, text)
            client.complete(len(text), 0)
            return True
        else:
            client.complete(-1, ENOTTY)
            return True
        client.complete(0, 0)
        return True

    def on_write(self, _handler, client):
        data = bytes(client.get_arg().retrieve())
        if not self.present:
            client.complete(-1, ENODEV)
            return True
        # hidraw writes start with the report id (0: FIDO devices have no numbered reports).
        report = data[1:REPORT_SIZE + 1] if len(data) > REPORT_SIZE else data
        emit(f"write {self.index} {report.hex()}")
        client.complete(len(data), 0)
        return True

    def on_read(self, _handler, client):
        with self.lock:
            if not self.present:
                client.complete(-1, ENODEV)
                return True
            if not self.queue:
                self.parked = client
                return True
            report = self.queue.pop(0)
        try:
            client.execute()  # the client's real read(): drains the marker byte
        except Exception as e:  # noqa: BLE001 - reported, the read still gets its report
            emit(f"error execute failed on {self.devnode}: {e}")
        self.hand_over(client, report)
        with self.lock:
            if self.queue:
                self.mark()
        return True

    def deliver(self, report):
        with self.lock:
            if not self.present:
                return
            if self.parked is not None:
                client, self.parked = self.parked, None
            else:
                self.queue.append(report)
                if len(self.queue) == 1:
                    self.mark()
                return
        self.hand_over(client, report)

    @staticmethod
    def hand_over(client, report):
        size = min(len(report), len(client.get_arg().retrieve()))
        client.get_arg().update(0, report[:size])
        client.complete(size, 0)

    def mark(self):
        if self.pty >= 0:
            os.write(self.pty, b"x")

    def remove(self):
        with self.lock:
            self.present = False
            had_marker = bool(self.queue)
            self.queue.clear()
            client, self.parked = self.parked, None
        if client is not None:
            client.complete(-1, ENODEV)
        if not had_marker:
            # Wake a client waiting in poll(): its read() then fails with ENODEV, as on a pulled USB key. The byte
            # is never drained, so every later poll() returns at once, too.
            self.mark()
        self.testbed.remove_device("/sys" + self.usb_path)
        # remove_device() leaves the node and class link of a child device behind (umockdev 0.17); a pulled key
        # must vanish from enumeration, so they go too. The ioctl socket stays for handles still open.
        root = self.testbed.get_root_dir()
        for leftover in (f"dev/hidraw{self.index}", f"dev/.node/hidraw{self.index}",
                         f"sys/class/hidraw/hidraw{self.index}", f"sys/dev/char/240:{self.index}"):
            try:
                os.unlink(os.path.join(root, leftover))
            except FileNotFoundError:
                pass


def main():
    testbed = UMockdev.Testbed.new()
    root = testbed.get_root_dir()
    nodes = {}
    emit(f"ready {root}")
    try:
        for line in sys.stdin:
            words = line.rstrip("\n").split(" ")
            command = words[0]
            if command == "report" and len(words) == 3:
                node = nodes.get(int(words[1]))
                if node is not None:
                    node.deliver(bytes.fromhex(words[2]))
            elif command == "add" and len(words) >= 6:
                index = int(words[1])
                node = SimulatedKeyNode(testbed, index, int(words[2], 16), int(words[3], 16), words[4],
                                        " ".join(words[5:]))
                nodes[index] = node
                emit(f"added {index} {node.devnode}")
            elif command == "remove" and len(words) == 2:
                node = nodes.pop(int(words[1]), None)
                if node is not None:
                    node.remove()
                emit(f"removed {words[1]}")
            elif command:
                emit(f"error unknown command {command}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
