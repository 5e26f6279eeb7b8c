import { memo } from 'react';
import { initialsOf, textColorOn } from './avatar';

interface AvatarProps {
  displayName: string;
  color: string;
  size?: 'small' | 'medium';
}

/** Someone's initials on their colour. Decorative: their name is always written next to it. */
export const Avatar = memo(function Avatar({ displayName, color, size = 'medium' }: AvatarProps) {
  return (
    <span
      className={`avatar avatar--${size}`}
      style={{ backgroundColor: color, color: textColorOn(color) }}
      aria-hidden="true"
    >
      {initialsOf(displayName)}
    </span>
  );
});
