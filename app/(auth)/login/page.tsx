export const metadata = { title: "Log in" };

export default function LoginPage() {
  return (
    <main className="mx-auto flex max-w-sm flex-col gap-6 px-6 py-16">
      <h1 className="text-2xl font-bold">Log in</h1>
      <p className="text-slate-600">Partner and admin sign-in.</p>
    </main>
  );
}
