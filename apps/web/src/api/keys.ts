/** Every query key the app uses, in one place, so invalidation can target a whole family. */
export const queryKeys = {
  me: () => ['me'] as const,
  rooms: () => ['rooms'] as const,
  messages: {
    all: () => ['messages'] as const,
    room: (roomId: string) => ['messages', roomId] as const,
  },
};
