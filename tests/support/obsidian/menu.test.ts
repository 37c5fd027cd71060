import { Menu, setMobile } from "./index";

afterEach(() => setMobile(false));

test("items added once the menu is shown are dropped, as obsidian.d.ts says", () => {
	const menu = new Menu();
	menu.addItem((i) => i.setTitle("Before"));
	menu.showAtPosition({ x: 0, y: 0 });
	menu.addItem((i) => i.setTitle("After"));
	expect(menu.items().map((i) => i.title)).toEqual(["Before"]);
});

test("a click runs the handler and closes the menus up to the first; a disabled item or a closed menu does nothing or throws", () => {
	const menu = new Menu();
	const clicked: string[] = [];
	menu.addItem((i) => i.setTitle("Off").setDisabled(true).onClick(() => clicked.push("off")));
	let submenu: Menu | undefined;
	menu.addItem((i) => {
		i.setTitle("More");
		submenu = i.setSubmenu();
		submenu.addItem((s) => s.setTitle("Deep").onClick(() => clicked.push("deep")));
	});
	expect(() => menu.item("More").click()).toThrow("the menu is not on screen");
	menu.showAtPosition({ x: 0, y: 0 });
	menu.item("Off").click();
	menu.item("More").click();
	expect(submenu!.isShown()).toBe(true);
	submenu!.item("Deep").click();
	expect(clicked).toEqual(["deep"]);
	expect(submenu!.isShown()).toBe(false);
	expect(menu.isShown()).toBe(false);
});

test("setSubmenu throws on mobile (submenus do not open there)", () => {
	setMobile(true);
	const menu = new Menu();
	expect(() => menu.addItem((i) => i.setSubmenu())).toThrow("submenus do not open on Obsidian mobile");
});
