import { describe, expect, it } from "vitest";
import { titleWithUnread, unreadToShow } from "./unread";

describe("unreadToShow", () => {
  it("shows the server's count while the stream connects, not 0", () => {
    expect(unreadToShow({ initialUnread: 21, backlogUnread: null, loadedUnread: 0, allMarkedRead: false })).toBe(21);
    // Part of the backlog is in: still the server's count.
    expect(unreadToShow({ initialUnread: 21, backlogUnread: null, loadedUnread: 7, allMarkedRead: false })).toBe(21);
  });

  it("after the backlog, counts what it held plus the older unread it could not hold, plus live arrivals", () => {
    // 60 unread, the backlog held 50 of them; then 2 arrive live.
    expect(unreadToShow({ initialUnread: 60, backlogUnread: 50, loadedUnread: 52, allMarkedRead: false })).toBe(62);
    // Everything fitted: the feed's own count.
    expect(unreadToShow({ initialUnread: 3, backlogUnread: 3, loadedUnread: 4, allMarkedRead: false })).toBe(4);
    // A notification landed between the render and the connect: the backlog has more than the render did.
    expect(unreadToShow({ initialUnread: 3, backlogUnread: 4, loadedUnread: 4, allMarkedRead: false })).toBe(4);
  });

  it("drops the older unread once the owner marks all as read", () => {
    expect(unreadToShow({ initialUnread: 60, backlogUnread: 50, loadedUnread: 0, allMarkedRead: true })).toBe(0);
    expect(unreadToShow({ initialUnread: 60, backlogUnread: 50, loadedUnread: 1, allMarkedRead: true })).toBe(1);
  });
});

describe("titleWithUnread", () => {
  it("puts the count first and replaces an earlier one", () => {
    expect(titleWithUnread("Dashboard · Salon booking", 3)).toBe("(3) Dashboard · Salon booking");
    expect(titleWithUnread("(3) Dashboard · Salon booking", 4)).toBe("(4) Dashboard · Salon booking");
    expect(titleWithUnread("(4) Dashboard · Salon booking", 0)).toBe("Dashboard · Salon booking");
    expect(titleWithUnread("Dashboard", 150)).toBe("(99+) Dashboard");
    expect(titleWithUnread("(99+) Dashboard", 2)).toBe("(2) Dashboard");
  });
});
